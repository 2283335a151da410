namespace FleetOps.Core.Rollouts;

/// <summary>One node's record in a wave's health gate: rounds probed, rounds passed, passes in a row, the last error.</summary>
public sealed record GateNode(string Node, int Rounds = 0, int Passes = 0, int InARow = 0, bool LastOk = false, string? LastError = null);

/// <summary>One node's result in one gate round.</summary>
public sealed record GateProbe(string Node, bool Ok, string? Error = null);

/// <summary>
/// The K-in-a-row arithmetic of a wave's health gate: a node has passed while its last <c>passes</c> rounds passed
/// (a later failure un-passes it), and the wave passes when every gated node has. A node missing from a round's
/// results counts as failed for that round. State is per node, so it does not grow with the rounds.
/// </summary>
public sealed class GateTracker
{
    /// <summary>How many not-yet-healthy names a summary carries (the timeline shows 20 and counts the rest).</summary>
    public const int SampleNames = 20;

    private readonly Dictionary<string, int> _index;
    private readonly GateNode[] _nodes;

    public GateTracker(int passes, int rounds, IEnumerable<GateNode> nodes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        Passes = passes;
        Rounds = rounds;
        _nodes = nodes.ToArray();
        _index = new Dictionary<string, int>(_nodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < _nodes.Length; i++) _index.TryAdd(_nodes[i].Node, i);
    }

    public static GateTracker Start(int passes, IEnumerable<string> nodes) => new(passes, 0, nodes.Select(n => new GateNode(n)));

    /// <summary>Passes in a row each node needs.</summary>
    public int Passes { get; }

    /// <summary>Rounds recorded so far.</summary>
    public int Rounds { get; private set; }

    public IReadOnlyList<GateNode> Nodes => _nodes;

    public int Gated => _nodes.Length;

    /// <summary>Nodes that have not passed <see cref="Passes"/> rounds in a row (yet).</summary>
    public int Pending => _nodes.Count(n => n.InARow < Passes);

    public bool Passed => Pending == 0;

    /// <summary>The pending nodes, in gate order (the first <paramref name="limit"/>).</summary>
    public List<string> NotYet(int limit = SampleNames) => _nodes.Where(n => n.InARow < Passes).Take(limit).Select(n => n.Node).ToList();

    public void Record(IEnumerable<GateProbe> round)
    {
        var seen = new bool[_nodes.Length];
        foreach (var probe in round)
        {
            if (!_index.TryGetValue(probe.Node, out var i) || seen[i]) continue;
            seen[i] = true;
            _nodes[i] = Next(_nodes[i], probe.Ok, probe.Error);
        }
        for (var i = 0; i < _nodes.Length; i++)
            if (!seen[i]) _nodes[i] = Next(_nodes[i], false, "not probed in this round");
        Rounds++;
    }

    private static GateNode Next(GateNode node, bool ok, string? error) => node with
    {
        Rounds = node.Rounds + 1,
        Passes = node.Passes + (ok ? 1 : 0),
        InARow = ok ? node.InARow + 1 : 0,
        LastOk = ok,
        LastError = ok ? node.LastError : error ?? "unhealthy",
    };
}
