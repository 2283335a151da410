using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Reads an Ansible YAML inventory: top-level keys are groups (usually just <c>all</c>), each a mapping of
/// <c>hosts</c> (host pattern to vars, or to nothing), <c>vars</c> and <c>children</c> (group name to group, the
/// same shape again). A group may appear under several parents; its parts are merged. Scalar vars become labels as
/// written, empty ones "", and lists/maps compact JSON. Unlike Ansible, which warns and skips, an unknown key in a
/// group is an error: "host:" for "hosts:" would otherwise drop hosts without a word.
/// </summary>
internal sealed class AnsibleYamlReader
{
    private readonly AnsibleGroupGraph _graph = new();
    private readonly DocJson _json = new();

    // The same YAML node under the same group name (an alias used twice) adds nothing new: skip it, so aliases
    // nested in aliases cannot make the walk exponential.
    private readonly HashSet<(string, DocNode)> _visited = [];

    public static Inventory Read(DocNode root)
    {
        var reader = new AnsibleYamlReader();
        foreach (var entry in root.ExpectMap("$", "a mapping of group names (such as all:) to groups"))
        {
            var path = DocNode.Member("", entry.Key);
            reader.ReadGroup(entry.Key, entry.Value, path, SourceRef.Of(path, entry));
        }
        return reader._graph.Build();
    }

    private void ReadGroup(string name, DocNode node, string path, SourceRef at)
    {
        _graph.AddGroup(name, at);
        if (!_visited.Add((name, node))) return;
        foreach (var entry in node.ExpectMap(path, "a group mapping with hosts, vars or children"))
        {
            var member = DocNode.Member(path, entry.Key);
            switch (entry.Key)
            {
                case "hosts":
                    foreach (var host in entry.Value.ExpectMap(member, "a mapping of host name to vars"))
                        ReadHost(name, host, DocNode.Member(member, host.Key));
                    break;
                case "vars":
                    foreach (var v in entry.Value.ExpectMap(member, "a mapping of variable name to value"))
                    {
                        var varPath = DocNode.Member(member, v.Key);
                        _graph.SetGroupVar(name, v.Key, VarText(v.Value, varPath), SourceRef.Of(varPath, v));
                    }
                    break;
                case "children":
                    foreach (var child in entry.Value.ExpectMap(member, "a mapping of child group name to group"))
                    {
                        var childPath = DocNode.Member(member, child.Key);
                        var childAt = SourceRef.Of(childPath, child);
                        _graph.AddChild(name, child.Key, childAt);
                        ReadGroup(child.Key, child.Value, childPath, childAt);
                    }
                    break;
                default:
                    throw SourceRef.Of(member, entry).Error($"unknown key {Echo.Quote(entry.Key)} in group {Echo.Quote(name)}: expected hosts, vars or children");
            }
        }
    }

    private void ReadHost(string group, DocEntry entry, string path)
    {
        var at = SourceRef.Of(path, entry);
        var names = AnsibleHostPattern.TryParse(entry.Key, out var port, out var error) ?? throw at.Error(error!);
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        if (port is { } p) vars[AnsibleGroupGraph.PortVar] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var v in entry.Value.ExpectMap(path, "a mapping of host vars, or empty"))
        {
            var varPath = DocNode.Member(path, v.Key);
            var value = VarText(v.Value, varPath);
            AnsibleGroupGraph.CheckVar(v.Key, value, SourceRef.Of(varPath, v));
            vars[v.Key] = value;
        }
        _graph.AddHosts(group, names, vars, at, Echo.Quote(entry.Key));
    }

    private string VarText(DocNode value, string path) => value.Kind switch
    {
        DocKind.Null => "",
        DocKind.Map or DocKind.Seq => _json.CompactJson(value, path),
        _ => value.Text,
    };
}
