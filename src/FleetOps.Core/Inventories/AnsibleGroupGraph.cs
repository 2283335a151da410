using System.Runtime.InteropServices;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// The Ansible inventory model both Ansible readers fill: groups with vars and children, hosts with vars and the
/// groups they were listed in. <see cref="Build"/> resolves it as Ansible does (<see cref="AnsibleResolver"/>).
/// Every addition costs constant time (no list scans), and what it adds is charged to <see cref="Budget"/>.
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

        /// <summary>The last walk that reached this group (<see cref="AnsibleResolver"/>): a visited mark without a set.</summary>
        public int Visit { get; set; }
    }

    public sealed class Host(string name, SourceRef firstSeen)
    {
        private Group? _first;
        private List<Group>? _listed;

        public string Name { get; } = name;
        public SourceRef FirstSeen { get; } = firstSeen;

        /// <summary>Host vars. Shared by the hosts of one line (a range) until one of them is given vars again.</summary>
        public Dictionary<string, string>? Vars { get; private set; }
        private bool _sharesVars;

        /// <summary>
        /// The groups the host was listed in, in order, possibly with repeats: a constant-time append per listing, as a
        /// host listed in thousands of groups would make any check for repeats here cost listings × groups.
        /// <see cref="AnsibleResolver"/> drops the repeats once per host.
        /// </summary>
        internal Group? OnlyGroup => _listed is null ? _first : null;
        internal List<Group>? Groups => _listed;

        internal void AddListing(Group group)
        {
            if (_first is null) _first = group;
            else if (_listed is null) { if (_first != group) _listed = [_first, group]; }
            else if (_listed[^1] != group) _listed.Add(group);
        }

        /// <summary>
        /// The vars of one line (already checked with <see cref="CheckVar"/>), shared by every host of that line so a
        /// million-host range holds one dictionary. A later assignment of the same var wins, wherever the host is listed again.
        /// </summary>
        internal void SetVars(Dictionary<string, string> lineVars)
        {
            if (lineVars.Count == 0 || ReferenceEquals(Vars, lineVars)) return;
            if (Vars is null)
            {
                (Vars, _sharesVars) = (lineVars, true);
                return;
            }
            if (_sharesVars) (Vars, _sharesVars) = (new Dictionary<string, string>(Vars, StringComparer.Ordinal), false);
            foreach (var (key, value) in lineVars) Vars[key] = value;
        }
    }

    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly HashSet<(int Parent, int Child)> _links = [];
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);
    private readonly List<Host> _hostOrder = [];

    public AnsibleGroupGraph()
    {
        AddGroup(All, default);
        AddChild(All, Ungrouped, default);
    }

    public InventoryBudget Budget { get; } = new();

    internal IEnumerable<Group> Groups => _groups.Values;
    internal IReadOnlyList<Host> Hosts => _hostOrder;
    internal Group this[string name] => _groups[name];

    public bool HasGroup(string name) => _groups.ContainsKey(name);

    public void AddGroup(string name, SourceRef at)
    {
        if (_groups.ContainsKey(name)) return;
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace)) throw at.Error($"group name {Echo.Quote(name)} is empty or has whitespace");
        if (_groups.Count >= InventoryLimits.MaxGroups + 2) // + all and ungrouped
            throw at.Error($"group {Echo.Quote(name)} is one more than the {InventoryBudget.N(InventoryLimits.MaxGroups)} groups an inventory may have");
        _groups[name] = new Group(name, _groups.Count, at);
    }

    public void AddChild(string parentName, string childName, SourceRef at)
    {
        AddGroup(parentName, at);
        AddGroup(childName, at);
        var (parent, child) = (_groups[parentName], _groups[childName]);
        if (child.Name == All) throw at.Error($"group 'all' cannot be a child of {Echo.Quote(parent.Name)}: every group is already in 'all'");
        if (child == parent) throw at.Error($"group {Echo.Quote(child.Name)} cannot be a child of itself");
        if (!_links.Add((parent.Index, child.Index))) return;
        parent.Children.Add((child, at));
        child.Parents.Add(parent);
    }

    public void SetGroupVar(string groupName, string key, string value, SourceRef at)
    {
        AddGroup(groupName, at);
        CheckVar(key, value, at);
        _groups[groupName].Vars[key] = value;
    }

    /// <summary>
    /// Adds the hosts of one entry (a name or a range) to a group, with the entry's vars; hosts are created on first
    /// sight. The range's size is charged before it is expanded.
    /// </summary>
    public void AddHosts(string groupName, HostRange names, Dictionary<string, string> vars, SourceRef at, string what)
    {
        AddGroup(groupName, at);
        Budget.ChargeHostEntries(names.Count, at, what);
        var group = _groups[groupName];
        foreach (var name in names.Expand())
        {
            ref var host = ref CollectionsMarshal.GetValueRefOrAddDefault(_hosts, name, out var known);
            if (!known)
            {
                if (_hosts.Count > InventoryLimits.MaxHosts)
                {
                    _hosts.Remove(name);
                    throw at.Error($"more than {InventoryBudget.N(InventoryLimits.MaxHosts)} hosts");
                }
                host = new Host(name, at);
                _hostOrder.Add(host);
            }
            host!.AddListing(group);
            host.SetVars(vars);
        }
    }

    // Caught where written, so the error points at the line rather than at every host that inherits it.
    public static void CheckVar(string key, string value, SourceRef at)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Any(char.IsWhiteSpace)) throw at.Error($"variable name {Echo.Quote(key)} is empty or has whitespace");
        if (key == PortVar && !HostAddress.TryParsePort(value, out _)) throw at.Error($"{PortVar} {Echo.Quote(value)} is not a port 1-65535");
        if (key == HostVar && string.IsNullOrWhiteSpace(value)) throw at.Error($"{HostVar} is empty");
    }

    public Inventory Build()
    {
        foreach (var group in _groups.Values.ToList())
            if (group.Name != All && group.Parents.Count == 0) AddChild(All, group.Name, group.DefinedAt);
        return new AnsibleResolver(this).Resolve();
    }
}
