using FleetOps.Core.Contracts;

namespace FleetOps.Core.Monitors;

/// <summary>
/// Which target depends on which: a target names its parent (a gateway) by a label, <c>parent</c> unless the monitor
/// says otherwise (an inventory group's <c>gateway</c> var becomes a <c>gateway</c> label). A parent must be another
/// target of the same monitor, and parents must not form a cycle; a bad link is reported and left out.
/// </summary>
public sealed class DependencyMap
{
    private readonly Dictionary<string, string> _parentOf;

    private DependencyMap(Dictionary<string, string> parentOf) => _parentOf = parentOf;

    public static DependencyMap Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Child → parent.</summary>
    public IReadOnlyDictionary<string, string> ParentOf => _parentOf;

    /// <summary>Every target that some target names as parent.</summary>
    public IReadOnlySet<string> Parents => _parentOf.Values.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The map over <paramref name="targets"/>, and a problem per bad link: (target index, message). Cost is linear
    /// in the targets (each chain is walked once).
    /// </summary>
    public static (DependencyMap Map, IReadOnlyList<(int Index, string Message)> Problems) Build(IReadOnlyList<TargetSpec> targets, string? parentLabel)
    {
        var label = parentLabel ?? MonitorLimits.DefaultParentLabel;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Count; i++)
            if (targets[i]?.Name is { } name) index.TryAdd(name, i);

        var problems = new List<(int, string)>();
        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i] is not { Name: { } name, Labels: { } labels } || !labels.TryGetValue(label, out var parent)) continue;
            if (string.IsNullOrEmpty(parent)) problems.Add((i, $"{label} of {Echo.Quote(name)} is empty: name another target of this monitor"));
            else if (parent == name) problems.Add((i, $"{Echo.Quote(name)} names itself as its {label}"));
            else if (!index.ContainsKey(parent)) problems.Add((i, $"{label} {Echo.Quote(parent)} of {Echo.Quote(name)} is not a target of this monitor"));
            else parentOf[name] = parent;
        }

        // Break cycles: walk each chain once; a chain that comes back to a target on the current walk is a cycle.
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in parentOf.Keys.ToList())
        {
            var onWalk = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var node = start; node is not null && !done.Contains(node); node = parentOf.GetValueOrDefault(node))
            {
                if (!seen.Add(node))
                {
                    problems.Add((index[node], $"{label} links form a cycle: {string.Join(" → ", CycleFrom(node, parentOf))}"));
                    parentOf.Remove(node);
                    break;
                }
                onWalk.Add(node);
            }
            done.UnionWith(onWalk);
        }
        problems.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return (new DependencyMap(parentOf), problems);
    }

    private static IEnumerable<string> CycleFrom(string node, Dictionary<string, string> parentOf)
    {
        var current = node;
        do
        {
            yield return current;
            current = parentOf[current];
        } while (current != node);
        yield return node;
    }

    /// <summary>Per parent: its dependents and how many fail now (down, or failing on the way to down).</summary>
    public Dictionary<string, DependentCount> Count(IEnumerable<(string Target, TargetState State)> states)
    {
        var counts = new Dictionary<string, DependentCount>(StringComparer.Ordinal);
        foreach (var (target, state) in states)
        {
            if (!_parentOf.TryGetValue(target, out var parent)) continue;
            var unreachable = state.State == MonitorState.Down || state.Failing ? 1 : 0;
            counts[parent] = counts.GetValueOrDefault(parent) + new DependentCount(1, unreachable);
        }
        return counts;
    }

    /// <summary>Adds one batch's counts into <paramref name="into"/>.</summary>
    public static void Merge(Dictionary<string, DependentCount> into, IReadOnlyDictionary<string, DependentCount> counts)
    {
        foreach (var (parent, count) in counts) into[parent] = into.GetValueOrDefault(parent) + count;
    }
}
