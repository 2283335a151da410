using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Reads FleetOps' own inventory document (JSON or YAML, same shape):
/// <code>
/// defaults: { port: 8080, labels: { env: prod }, checks: [ { kind: http, path: /health } ] }
/// groups:   { web: { port: 80, labels: { tier: front }, checks: [ { kind: tcp } ] } }
/// hosts:    [ { name: web-1, address: 10.0.0.11, groups: [web], labels: { zone: a }, checks: [...] } ]
/// </code>
/// Precedence (README "Inventories"): port from the address, else the first of the host's groups that has one,
/// else defaults. Labels merge defaults &lt; groups in the host's order &lt; host, then <c>group</c> = first group
/// unless set. Checks: the host's own if it has the field; else its groups' checks (concatenated, in the host's
/// group order) if any of its groups has the field; else the defaults'. A present field replaces even when empty.
/// </summary>
internal sealed class NativeInventoryReader
{
    private sealed record Settings(int? Port, Dictionary<string, string> Labels, IReadOnlyList<CheckSpec>? Checks);

    private static readonly Settings NoSettings = new(null, [], null);

    private sealed record Inherited(string[] Groups, int? Port, Dictionary<string, string> Labels, IReadOnlyList<CheckSpec>? Checks);

    private readonly Dictionary<string, Inherited> _inherited = new(StringComparer.Ordinal);

    private readonly DocJson _json = new();
    private readonly InventoryBudget _budget = new();

    public static Inventory Read(DocNode root) => new NativeInventoryReader().ReadRoot(root);

    private Inventory ReadRoot(DocNode root)
    {
        var defaults = NoSettings;
        var groups = new Dictionary<string, Settings>(StringComparer.Ordinal);
        DocNode? hostsNode = null;
        foreach (var entry in root.ExpectMap("$", "a mapping with defaults, groups and hosts"))
        {
            switch (entry.Key)
            {
                case "defaults": defaults = ReadSettings(entry.Value, "defaults"); break;
                case "groups":
                    foreach (var group in entry.Value.ExpectMap("groups", "a mapping of group name to settings"))
                    {
                        var path = DocNode.Member("groups", group.Key);
                        if (string.IsNullOrWhiteSpace(group.Key)) throw At(group, path, "a group needs a name");
                        groups[group.Key] = ReadSettings(group.Value, path);
                    }
                    break;
                case "hosts": hostsNode = entry.Value; break;
                default: throw At(entry, DocNode.Member("", entry.Key), "unknown field: expected defaults, groups or hosts");
            }
        }

        var items = (hostsNode ?? DocNode.Null).ExpectSeq("hosts", "a list of hosts");
        if (items.Count > InventoryLimits.MaxHosts) throw hostsNode!.Error("hosts", $"has {items.Count} hosts; the limit is {InventoryLimits.MaxHosts}");
        var hosts = new List<InventoryHost>(items.Count);
        var names = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var host = ReadHost(items[i], $"hosts[{i}]", defaults, groups);
            if (!names.TryAdd(host.Name, i))
            {
                // Point at the name (or the address standing in for it), not at the start of the host.
                var at = items[i].Entries.FirstOrDefault(e => e.Key is "name").Value
                    ?? items[i].Entries.FirstOrDefault(e => e.Key is "address").Value ?? items[i];
                throw (at.Line > 0 ? at : items[i]).Error($"hosts[{i}].name", $"{Echo.Quote(host.Name)} is also the name of hosts[{names[host.Name]}]");
            }
            hosts.Add(host);
        }
        return new Inventory(hosts);
    }

    private Settings ReadSettings(DocNode node, string path)
    {
        int? port = null;
        Dictionary<string, string> labels = [];
        IReadOnlyList<CheckSpec>? checks = null;
        foreach (var entry in node.ExpectMap(path, "a mapping with port, labels and checks"))
        {
            var member = DocNode.Member(path, entry.Key);
            switch (entry.Key)
            {
                case "port": port = ReadPort(entry.Value, member); break;
                case "labels": labels = ReadLabels(entry.Value, member); break;
                case "checks": checks = _json.Checks(entry.Value, member); break;
                default: throw At(entry, member, "unknown field: expected port, labels or checks");
            }
        }
        return new Settings(port, labels, checks);
    }

    private InventoryHost ReadHost(DocNode node, string path, Settings defaults, Dictionary<string, Settings> groupSettings)
    {
        string? name = null, address = null;
        Dictionary<string, string>? labels = null;
        IReadOnlyList<CheckSpec>? checks = null;
        List<string> groups = [];
        HashSet<string>? listed = null; // made only for hosts in many groups: most hosts list one or two
        foreach (var entry in node.ExpectMap(path, "a host mapping with name and address"))
        {
            var member = DocNode.Member(path, entry.Key);
            switch (entry.Key)
            {
                case "name": name = NonBlank(entry.Value, member); break;
                case "address": address = NonBlank(entry.Value, member); break;
                case "labels": labels = ReadLabels(entry.Value, member); break;
                case "checks": checks = _json.Checks(entry.Value, member); break;
                case "groups":
                    var items = entry.Value.ExpectSeq(member, "a list of group names");
                    for (var g = 0; g < items.Count; g++)
                    {
                        var groupPath = DocNode.Index(member, g);
                        var group = items[g].ExpectScalar(groupPath, "a group name");
                        if (!groupSettings.ContainsKey(group))
                            throw items[g].Error(groupPath, $"group {Echo.Quote(group)} is not defined under groups");
                        if (groups.Count < 8 ? !groups.Contains(group) : (listed ??= new(groups, StringComparer.Ordinal)).Add(group)) groups.Add(group);
                    }
                    break;
                default: throw At(entry, member, "unknown field: expected name, address, groups, labels or checks");
            }
        }
        // Either one stands for the other, as an Ansible host's name is its address when it has no ansible_host.
        if (name is null && address is null) throw node.Error(path, "a host needs a name or an address");
        name ??= address!.Trim();
        address ??= name;

        var addressPath = DocNode.Member(path, "address");
        if (!HostAddress.TrySplit(address, out var host, out var port, out var error)) throw node.Error(addressPath, error!);
        var inherited = Inherit(groups, defaults, groupSettings, SourceRef.Of(path, node));
        checks ??= inherited.Checks ?? defaults.Checks ?? [];
        var merged = LayeredLabels.Of(inherited.Labels, labels);
        // The host's share of what its groups give (groups, labels, checks): charged per host, as a sweep copies it per target.
        _budget.ChargeInherited(groups.Count + merged.Count + checks.Count, SourceRef.Of(path, node), $"host {Echo.Quote(name)}");
        return new InventoryHost(name, HostAddress.Format(host, port ?? inherited.Port ?? defaults.Port), merged, groups, checks);
    }

    /// <summary>
    /// What a list of groups gives its hosts, merged once per distinct list: labels (defaults &lt; groups in order, then
    /// <c>group</c> = the first group), the first group's port, and the groups' checks (null when none of them has any).
    /// </summary>
    private Inherited Inherit(List<string> groups, Settings defaults, Dictionary<string, Settings> groupSettings, SourceRef at)
    {
        var key = string.Join('\n', groups); // group names are YAML keys: a newline in one is possible but harmless here
        if (_inherited.TryGetValue(key, out var known) && known.Groups.SequenceEqual(groups)) return known;
        var settings = groups.Select(g => groupSettings[g]).ToList();
        _budget.ChargeInherited(defaults.Labels.Count + settings.Sum(s => (long)s.Labels.Count + (s.Checks?.Count ?? 0)), at, "the groups' labels and checks");
        var labels = new Dictionary<string, string>(defaults.Labels, StringComparer.Ordinal);
        foreach (var s in settings)
            foreach (var (label, value) in s.Labels) labels[label] = value;
        if (groups.Count > 0) labels.TryAdd(SelectorRequirement.GroupKey, groups[0]);
        IReadOnlyList<CheckSpec>? checks = settings.Any(s => s.Checks is not null) ? [.. settings.SelectMany(s => s.Checks ?? [])] : null;
        return _inherited[key] = new Inherited([.. groups], settings.FirstOrDefault(s => s.Port is not null)?.Port, labels, checks);
    }

    private static string NonBlank(DocNode node, string path)
    {
        var text = node.ExpectScalar(path);
        return string.IsNullOrWhiteSpace(text) ? throw node.Error(path, "must not be empty") : text;
    }

    private static int ReadPort(DocNode node, string path) =>
        node.IsScalar && HostAddress.TryParsePort(node.Text, out var port)
            ? port
            : throw node.Error(path, $"must be a port 1-65535, not {node.Describe()}");

    private static Dictionary<string, string> ReadLabels(DocNode node, string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in node.ExpectMap(path, "a mapping of label name to value"))
        {
            var member = DocNode.Member(path, entry.Key);
            if (string.IsNullOrWhiteSpace(entry.Key)) throw At(entry, member, "a label needs a name");
            // Numbers and booleans are fine as label values ("zone: 1"); they are kept as written.
            labels[entry.Key] = entry.Value.ExpectScalar(member, "a string, number or boolean");
        }
        return labels;
    }

    private static InventoryFormatException At(DocEntry entry, string path, string detail) =>
        new(path, detail, entry.Line > 0 ? entry.Line : null, entry.Column > 0 ? entry.Column : null);
}
