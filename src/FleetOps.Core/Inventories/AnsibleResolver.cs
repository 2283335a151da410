using Group = FleetOps.Core.Inventories.AnsibleGroupGraph.Group;
using Host = FleetOps.Core.Inventories.AnsibleGroupGraph.Host;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Resolves an <see cref="AnsibleGroupGraph"/> as Ansible does: groups without a parent are children of <c>all</c>;
/// a host is in its groups and all their ancestors, in <c>all</c>, and in <c>ungrouped</c> when in no other group.
/// Vars apply by depth (all, then parents, then children; at equal depth by <c>ansible_group_priority</c>, then
/// name), host vars last.
/// </summary>
/// <remarks>
/// Linear: one topological pass orders the groups and gives each its depth (the longest path from <c>all</c>).
/// Ancestors are not stored per group (a chain of n groups would hold n²/2 of them); they are walked once per
/// distinct combination of groups that hosts are listed in, and hosts with the same combination and the same vars
/// share one resolved result. Every walk, and what each host inherits, is charged to the budget first.
/// </remarks>
internal sealed class AnsibleResolver(AnsibleGroupGraph graph)
{
    /// <summary>What every host listed in one combination of groups gets: its groups, their labels and address vars.</summary>
    private sealed class Membership(string[] groups, IReadOnlyDictionary<string, string> labels, string? address, string? port)
    {
        public string[] Groups { get; } = groups;
        public IReadOnlyDictionary<string, string> Labels { get; } = labels;
        public string? Address { get; } = address;
        public string? Port { get; } = port;
    }

    /// <summary>What hosts with one membership and one vars dictionary (one line of a range) share.</summary>
    private sealed record Shared(IReadOnlyDictionary<string, string> Labels, string? Address, string? Port);

    private readonly Group _all = graph[AnsibleGroupGraph.All], _ungrouped = graph[AnsibleGroupGraph.Ungrouped];
    private int _walk;

    public Inventory Resolve()
    {
        AssignDepths(TopologicalOrder());

        var memberships = new Dictionary<Group[], Membership>(GroupsComparer.Instance);
        var single = new Dictionary<Group, Membership>(); // the usual case, without building a key
        var shared = new Dictionary<(Membership, Dictionary<string, string>?), Shared>();
        var hosts = new InventoryHost[graph.Hosts.Count];
        for (var i = 0; i < hosts.Length; i++)
        {
            var host = graph.Hosts[i];
            Membership? membership;
            if (host.OnlyGroup is { } only)
            {
                if (!single.TryGetValue(only, out membership)) single[only] = membership = Resolve(host, [only]);
            }
            else
            {
                var direct = WithoutRepeats(host.Groups!);
                if (!memberships.TryGetValue(direct, out membership)) memberships[direct] = membership = Resolve(host, direct);
            }
            // What the host inherits, charged before its labels are layered: its groups and at most every label of both layers.
            graph.Budget.ChargeInherited(membership.Groups.Length + membership.Labels.Count + (host.Vars?.Count ?? 0), host.FirstSeen, $"host {Echo.Quote(host.Name)}");
            if (!shared.TryGetValue((membership, host.Vars), out var resolved))
                shared[(membership, host.Vars)] = resolved = Share(membership, host.Vars);
            hosts[i] = ToInventoryHost(host, membership, resolved);
        }
        return new Inventory(hosts);
    }

    private Membership Resolve(Host host, Group[] direct)
    {
        var member = Ancestry(direct, host);
        var inRealGroup = member.Exists(g => g != _all && g != _ungrouped);
        // As Ansible's reconcile step: 'ungrouped' is for hosts in no other group, even if listed under it.
        member.RemoveAll(g => g == _ungrouped);
        if (!inRealGroup) member.Add(_ungrouped);

        var names = new List<string>(member.Count);
        foreach (var group in direct)
            if (group != _all && group != _ungrouped) names.Add(group.Name);
        var directSet = direct.Length > 8 ? direct.ToHashSet() : null;
        names.AddRange(member
            .Where(g => g != _all && g != _ungrouped && !(directSet?.Contains(g) ?? direct.Contains(g)))
            .OrderByDescending(g => g.Depth).ThenBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => g.Name));
        if (!inRealGroup) names.Add(AnsibleGroupGraph.Ungrouped);
        names.Add(AnsibleGroupGraph.All);

        graph.Budget.ChargeInherited(member.Sum(g => (long)g.Vars.Count), host.FirstSeen, $"the group vars of host {Echo.Quote(host.Name)}");
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in member.OrderBy(g => g.Depth).ThenBy(g => g.Priority).ThenBy(g => g.Name, StringComparer.Ordinal))
            foreach (var (k, v) in group.Vars) vars[k] = v;
        var (labels, address, port) = Split(vars);
        labels.TryAdd(SelectorRequirement.GroupKey, names[0]);
        return new Membership([.. names], labels, address, port);
    }

    /// <summary>The direct groups and all their ancestors ('all' included), each once: a walk up the parents.</summary>
    private List<Group> Ancestry(Group[] direct, Host host)
    {
        var walk = ++_walk;
        var member = new List<Group>();
        var stack = new Stack<Group>();
        foreach (var group in direct)
            if (group.Visit != walk) { group.Visit = walk; stack.Push(group); }
        long steps = 0;
        while (stack.Count > 0)
        {
            var group = stack.Pop();
            member.Add(group);
            steps += 1 + group.Parents.Count;
            foreach (var parent in group.Parents)
                if (parent.Visit != walk) { parent.Visit = walk; stack.Push(parent); }
        }
        if (_all.Visit != walk) member.Add(_all);
        graph.Budget.ChargeInherited(steps, host.FirstSeen, $"the groups of host {Echo.Quote(host.Name)}");
        return member;
    }

    /// <summary>The groups a host was listed in, each once, in the order first listed.</summary>
    private Group[] WithoutRepeats(List<Group> listed)
    {
        var walk = ++_walk;
        var distinct = new List<Group>(listed.Count);
        foreach (var group in listed)
            if (group.Visit != walk) { group.Visit = walk; distinct.Add(group); }
        return [.. distinct];
    }

    /// <summary>Group combinations as keys: the same groups in the same order.</summary>
    private sealed class GroupsComparer : IEqualityComparer<Group[]>
    {
        public static readonly GroupsComparer Instance = new();

        public bool Equals(Group[]? a, Group[]? b) => a.AsSpan().SequenceEqual(b.AsSpan());

        public int GetHashCode(Group[] groups)
        {
            var hash = new HashCode();
            foreach (var group in groups) hash.Add(group.Index);
            return hash.ToHashCode();
        }
    }

    /// <summary>The host's own vars over its membership's: the labels in two layers, the address vars replaced.</summary>
    private static Shared Share(Membership membership, Dictionary<string, string>? hostVars)
    {
        if (hostVars is null) return new Shared(membership.Labels, membership.Address, membership.Port);
        var (own, address, port) = Split(hostVars);
        return new Shared(LayeredLabels.Of(membership.Labels, own), address ?? membership.Address, port ?? membership.Port);
    }

    /// <summary>Vars as labels, without the ones that make the address (ansible_host, ansible_port) or order groups.</summary>
    private static (Dictionary<string, string> Labels, string? Address, string? Port) Split(Dictionary<string, string> vars)
    {
        string? address = null, port = null;
        var labels = new Dictionary<string, string>(vars.Count + 1, StringComparer.Ordinal);
        foreach (var (key, value) in vars)
        {
            switch (key)
            {
                case AnsibleGroupGraph.HostVar: address = value; break;
                case AnsibleGroupGraph.PortVar: port = value; break;
                case AnsibleGroupGraph.PriorityVar: break; // inventory mechanics, not a property of the host
                default: labels[key] = value; break;
            }
        }
        return (labels, address, port);
    }

    private static InventoryHost ToInventoryHost(Host host, Membership membership, Shared shared)
    {
        var hostPart = (shared.Address ?? host.Name).Trim();
        if (hostPart.StartsWith('[') && hostPart.EndsWith(']')) hostPart = hostPart[1..^1];
        // ansible_host is a bare host (IPv6 without brackets is normal there); the port comes from ansible_port.
        var text = HostAddress.IsBareIPv6(hostPart) || !hostPart.Contains(':') ? HostAddress.Format(hostPart, null) : hostPart;
        if (shared.Port is not null) text += ":" + shared.Port.Trim();
        if (!HostAddress.TrySplit(text, out var h, out var port, out var error))
            throw host.FirstSeen.Error($"host {Echo.Quote(host.Name)}: address {error}");
        return new InventoryHost(host.Name, HostAddress.Format(h, port), shared.Labels, membership.Groups, []);
    }

    /// <summary>Depth is the longest path from 'all', as Ansible computes it; parents come first in the order.</summary>
    private static void AssignDepths(List<Group> order)
    {
        foreach (var group in order)
            foreach (var (child, at) in group.Children)
            {
                child.Depth = Math.Max(child.Depth, group.Depth + 1);
                if (child.Depth > InventoryLimits.MaxGroupDepth)
                    throw at.Error($"group {Echo.Quote(child.Name)} is nested more than {InventoryLimits.MaxGroupDepth} levels deep through children (below {Echo.Quote(group.Name)})");
            }
    }

    /// <summary>Groups parents-first from 'all'; a cycle in children is an error naming it.</summary>
    private List<Group> TopologicalOrder()
    {
        // Iterative DFS (deep children chains must not overflow the stack), post-order reversed.
        var state = new Dictionary<Group, int>(); // 1 = on the path, 2 = done
        var post = new List<Group>();
        var path = new List<Group>();
        foreach (var start in graph.Groups.OrderBy(g => g == _all ? 0 : 1))
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
