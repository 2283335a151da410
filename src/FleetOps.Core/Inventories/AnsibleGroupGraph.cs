namespace FleetOps.Core.Inventories;

/// <summary>
/// The Ansible inventory model both Ansible readers fill: groups with vars and children, hosts with vars and the
/// groups they were listed in. <see cref="Build"/> resolves it as Ansible does: groups without a parent become
/// children of <c>all</c>; a host is in its groups and all their ancestors, in <c>all</c>, and in <c>ungrouped</c>
/// when in no other group; a name listed in several groups is one host. Vars: group vars apply by depth (all,
/// then parents, then children; at equal depth by <c>ansible_group_priority</c>, then name), host vars last.
/// </summary>
internal sealed class AnsibleGroupGraph
{
    public const string All = "all", Ungrouped = "ungrouped";
    public const string HostVar = "ansible_host", PortVar = "ansible_port", PriorityVar = "ansible_group_priority";

    internal sealed class Group(string name, int index, SourceRef definedAt)
    {
        public string Name { get; } = name;
        public int Index { get; } = index;
        public SourceRef DefinedAt { get; } = definedAt;
        public Dictionary<string, string> Vars { get; } = new(StringComparer.Ordinal);
        public List<(Group Child, SourceRef At)> Children { get; } = [];
        public List<Group> Parents { get; } = [];
        public int Depth { get; set; }
        public int Priority => Vars.TryGetValue(PriorityVar, out var p) && int.TryParse(p, out var v) ? v : 1;
        public HashSet<Group> Ancestors { get; } = [];
    }

    public sealed class Host(string name, SourceRef firstSeen)
    {
        public string Name { get; } = name;
        public SourceRef FirstSeen { get; } = firstSeen;
        public Dictionary<string, string>? Vars { get; set; }
        internal List<Group> Direct { get; } = [];
    }

    private sealed record Membership(IReadOnlyList<string> Groups, Dictionary<string, string> Vars);

    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);
    private readonly List<Host> _hostOrder = [];

    public AnsibleGroupGraph()
    {
        AddGroup(All, default);
        AddChild(All, Ungrouped, default);
    }

    public bool HasGroup(string name) => _groups.ContainsKey(name);

    public void AddGroup(string name, SourceRef at)
    {
        if (_groups.ContainsKey(name)) return;
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace)) throw at.Error($"group name '{name}' is empty or has whitespace");
        _groups[name] = new Group(name, _groups.Count, at);
    }

    public void AddChild(string parentName, string childName, SourceRef at)
    {
        AddGroup(parentName, at);
        AddGroup(childName, at);
        var (parent, child) = (_groups[parentName], _groups[childName]);
        if (child.Name == All) throw at.Error($"group 'all' cannot be a child of '{parent.Name}': every group is already in 'all'");
        if (child == parent) throw at.Error($"group '{child.Name}' cannot be a child of itself");
        if (child.Parents.Contains(parent)) return;
        parent.Children.Add((child, at));
        child.Parents.Add(parent);
    }

    public void SetGroupVar(string groupName, string key, string value, SourceRef at)
    {
        AddGroup(groupName, at);
        CheckVar(key, value, at);
        _groups[groupName].Vars[key] = value;
    }

    /// <summary>Adds a host to a group (the host is created on first sight); returns it for its vars.</summary>
    public Host AddHost(string groupName, string hostName, SourceRef at)
    {
        AddGroup(groupName, at);
        if (!_hosts.TryGetValue(hostName, out var host))
        {
            if (_hosts.Count >= InventoryLimits.MaxHosts) throw at.Error($"more than {InventoryLimits.MaxHosts} hosts");
            host = new Host(hostName, at);
            _hosts[hostName] = host;
            _hostOrder.Add(host);
        }
        var group = _groups[groupName];
        if (!host.Direct.Contains(group)) host.Direct.Add(group);
        return host;
    }

    /// <summary>
    /// Host vars, already checked with <see cref="CheckVar"/> (once per line, not once per host of a range).
    /// A later assignment of the same var wins, wherever the host is listed again.
    /// </summary>
    public static void SetHostVar(Host host, string key, string value) =>
        (host.Vars ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;

    // Caught where written, so the error points at the line rather than at every host that inherits it.
    public static void CheckVar(string key, string value, SourceRef at)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Any(char.IsWhiteSpace)) throw at.Error($"variable name '{key}' is empty or has whitespace");
        if (key == PortVar && !HostAddress.TryParsePort(value, out _)) throw at.Error($"{PortVar} '{value}' is not a port 1-65535");
        if (key == HostVar && string.IsNullOrWhiteSpace(value)) throw at.Error($"{HostVar} is empty");
    }

    public Inventory Build()
    {
        foreach (var group in _groups.Values)
            if (group.Name != All && group.Parents.Count == 0) AddChild(All, group.Name, group.DefinedAt);
        var order = TopologicalOrder();
        foreach (var group in order)
            foreach (var (child, _) in group.Children)
            {
                // Depth is the longest path from 'all', as Ansible computes it; ancestors accumulate parent-first.
                child.Depth = Math.Max(child.Depth, group.Depth + 1);
                child.Ancestors.Add(group);
                child.Ancestors.UnionWith(group.Ancestors);
            }

        // Hosts listed in the same groups share one resolved membership: the work is per distinct group set.
        var memberships = new Dictionary<string, Membership>(StringComparer.Ordinal);
        var single = new Dictionary<Group, Membership>(); // the usual case, without building a key
        var hosts = new InventoryHost[_hostOrder.Count];
        for (var i = 0; i < hosts.Length; i++)
        {
            var host = _hostOrder[i];
            Membership? membership;
            if (host.Direct.Count == 1)
            {
                if (!single.TryGetValue(host.Direct[0], out membership)) single[host.Direct[0]] = membership = Resolve(host.Direct);
            }
            else
            {
                var key = string.Join(",", host.Direct.Select(g => g.Index));
                if (!memberships.TryGetValue(key, out membership)) memberships[key] = membership = Resolve(host.Direct);
            }
            hosts[i] = ToInventoryHost(host, membership);
        }
        return new Inventory(hosts);
    }

    private Membership Resolve(List<Group> direct)
    {
        var all = _groups[All];
        var ungrouped = _groups[Ungrouped];
        var member = new HashSet<Group>(direct) { all };
        foreach (var group in direct) member.UnionWith(group.Ancestors);
        var inRealGroup = member.Any(g => g != all && g != ungrouped);
        // As Ansible's reconcile step: 'ungrouped' is for hosts in no other group, even if listed under it.
        if (inRealGroup) member.Remove(ungrouped);
        else member.Add(ungrouped);

        var names = new List<string>(member.Count);
        foreach (var group in direct)
            if (group != all && group != ungrouped) names.Add(group.Name);
        names.AddRange(member
            .Where(g => g != all && g != ungrouped && !direct.Contains(g))
            .OrderByDescending(g => g.Depth).ThenBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => g.Name));
        if (!inRealGroup) names.Add(Ungrouped);
        names.Add(All);

        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in member.OrderBy(g => g.Depth).ThenBy(g => g.Priority).ThenBy(g => g.Name, StringComparer.Ordinal))
            foreach (var (k, v) in group.Vars) vars[k] = v;
        return new Membership(names.ToArray(), vars);
    }

    private static InventoryHost ToInventoryHost(Host host, Membership membership)
    {
        var vars = membership.Vars;
        string? address = null, portText = null;
        var labels = new Dictionary<string, string>(vars.Count + (host.Vars?.Count ?? 0) + 1, StringComparer.Ordinal);
        foreach (var source in host.Vars is null ? [vars] : new[] { vars, host.Vars })
            foreach (var (key, value) in source)
            {
                switch (key)
                {
                    case HostVar: address = value; break;
                    case PortVar: portText = value; break;
                    case PriorityVar: break; // inventory mechanics, not a property of the host
                    default: labels[key] = value; break;
                }
            }
        labels.TryAdd(SelectorRequirement.GroupKey, membership.Groups[0]);

        var hostPart = (address ?? host.Name).Trim();
        if (hostPart.StartsWith('[') && hostPart.EndsWith(']')) hostPart = hostPart[1..^1];
        // ansible_host is a bare host (IPv6 without brackets is normal there); the port comes from ansible_port.
        var text = HostAddress.IsBareIPv6(hostPart) || !hostPart.Contains(':') ? HostAddress.Format(hostPart, null) : hostPart;
        if (portText is not null) text += ":" + portText.Trim();
        if (!HostAddress.TrySplit(text, out var h, out var port, out var error))
            throw host.FirstSeen.Error($"host '{host.Name}': address {error}");
        return new InventoryHost(host.Name, HostAddress.Format(h, port), labels, membership.Groups, []);
    }

    /// <summary>Groups parents-first from 'all'; a cycle in children is an error naming it.</summary>
    private List<Group> TopologicalOrder()
    {
        // Iterative DFS (deep children chains must not overflow the stack), post-order reversed.
        var state = new Dictionary<Group, int>(); // 1 = on the path, 2 = done
        var post = new List<Group>(_groups.Count);
        var path = new List<Group>();
        foreach (var start in _groups.Values.OrderBy(g => g.Name == All ? 0 : 1))
        {
            if (state.ContainsKey(start)) continue;
            var stack = new Stack<(Group Group, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            path.Add(start);
            while (stack.Count > 0)
            {
                var (group, next) = stack.Pop();
                if (next < group.Children.Count)
                {
                    stack.Push((group, next + 1));
                    var (child, at) = group.Children[next];
                    if (!state.TryGetValue(child, out var s))
                    {
                        state[child] = 1;
                        path.Add(child);
                        stack.Push((child, 0));
                    }
                    else if (s == 1)
                    {
                        var cycle = path.Skip(path.IndexOf(child)).Append(child).Select(g => g.Name);
                        throw at.Error($"groups form a cycle through children: {string.Join(" -> ", cycle)}");
                    }
                    continue;
                }
                state[group] = 2;
                path.RemoveAt(path.Count - 1);
                post.Add(group);
            }
        }
        post.Reverse();
        return post;
    }
}
