using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Reads Prometheus file_sd: <c>[ { "targets": ["10.0.0.1:9100"], "labels": { "job": "node" } } ]</c> (JSON, or
/// the same in YAML as Prometheus also accepts). One host per target, named by the target string. Labels starting
/// with "__" are Prometheus-internal (<c>__address__</c>, <c>__meta_*</c>, <c>__scheme__</c>) and are dropped.
/// A target listed in several entries is one host; later entries' labels win on conflicts.
/// </summary>
internal static class FileSdReader
{
    public static Inventory Read(DocNode root)
    {
        var budget = new InventoryBudget();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        // A target's labels are its entry's (shared by all the entry's targets) until a later entry adds some: then its own copy.
        var hosts = new List<(string Name, string Address, Dictionary<string, string> Labels, bool Shared)>();
        var groups = root.ExpectSeq("$", "a list of { targets, labels } entries");
        for (var g = 0; g < groups.Count; g++)
        {
            var path = $"[{g}]";
            DocNode targets = DocNode.Null;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var sawTargets = false;
            foreach (var entry in groups[g].ExpectMap(path, "an object with targets and labels"))
            {
                var member = DocNode.Member(path, entry.Key);
                switch (entry.Key)
                {
                    case "targets": targets = entry.Value; sawTargets = true; break;
                    case "labels":
                        foreach (var label in entry.Value.ExpectMap(member, "an object of label name to string"))
                        {
                            var labelPath = DocNode.Member(member, label.Key);
                            // Prometheus label values are strings; a number here is a mistake in the generator.
                            if (label.Value.Kind != DocKind.String) throw label.Value.Error(labelPath, $"must be a string, not {label.Value.Describe()}");
                            if (!label.Key.StartsWith("__", StringComparison.Ordinal)) labels[label.Key] = label.Value.Text;
                        }
                        break;
                    default: throw new InventoryFormatException(member, "unknown field: expected targets or labels", entry.Line > 0 ? entry.Line : null);
                }
            }
            if (!sawTargets) throw groups[g].Error(path, "has no targets");

            var items = targets.ExpectSeq(DocNode.Member(path, "targets"), "a list of \"host:port\" strings");
            for (var t = 0; t < items.Count; t++)
            {
                var targetPath = $"{path}.targets[{t}]";
                if (items[t].Kind != DocKind.String) throw items[t].Error(targetPath, $"must be a \"host:port\" string, not {items[t].Describe()}");
                var target = items[t].Text.Trim();
                if (!HostAddress.TrySplit(target, out var host, out var port, out var error)) throw items[t].Error(targetPath, error!);
                // An entry's labels are copied to each of its targets: charged first, as one entry can name many targets.
                budget.ChargeInherited(labels.Count, SourceRef.Of(targetPath, items[t]), $"target {Echo.Quote(target)}");
                if (byName.TryGetValue(target, out var existing))
                {
                    if (labels.Count == 0) continue;
                    var known = hosts[existing];
                    if (known.Shared) hosts[existing] = known = (known.Name, known.Address, new Dictionary<string, string>(known.Labels, StringComparer.Ordinal), false);
                    foreach (var (key, value) in labels) known.Labels[key] = value;
                    continue;
                }
                if (hosts.Count >= InventoryLimits.MaxHosts) throw items[t].Error(targetPath, $"more than {InventoryLimits.MaxHosts} targets");
                byName[target] = hosts.Count;
                hosts.Add((target, HostAddress.Format(host, port), labels, true));
            }
        }
        return new Inventory([.. hosts.Select(h => new InventoryHost(h.Name, h.Address, h.Labels, [], []))]);
    }
}
