using System.Text.Json.Nodes;

namespace FleetOps.Cli.Apply;

/// <summary>An item as the server has it: its comparable form (see <see cref="DesiredItem.Comparable"/>) and its labels.</summary>
internal sealed record StoredItem(ApplyKind Kind, string Name, JsonNode Comparable, IReadOnlyDictionary<string, string>? Labels);

/// <summary>What apply does (or did) with one item.</summary>
internal enum ApplyAction
{
    Created, Changed, Unchanged,
    /// <summary>Existed without apply's labels; taken over (<c>--adopt</c>).</summary>
    Adopted,
    /// <summary>This set's, no longer in the file: deleted (<c>--prune</c>).</summary>
    Removed,
    /// <summary>This set's, no longer in the file, kept: without <c>--prune</c> apply only reports it.</summary>
    Orphaned,
    /// <summary>Exists and is not this set's (another set's, or not apply's without <c>--adopt</c>): nothing is applied.</summary>
    Conflict,
}

internal sealed record PlannedStep(ApplyKind Kind, string Name, ApplyAction Action, DesiredItem? Desired, string? Reason = null)
{
    /// <summary>True when carrying it out sends something.</summary>
    public bool Sends => Action is ApplyAction.Created or ApplyAction.Changed or ApplyAction.Adopted or ApplyAction.Removed;
}

internal sealed record ApplyPlan(IReadOnlyList<PlannedStep> Steps, IReadOnlyList<ItemError> Errors)
{
    public IEnumerable<PlannedStep> Conflicts => Steps.Where(s => s.Action == ApplyAction.Conflict);
}

/// <summary>
/// The diff of a file against a server, pure: each item of the file is created, changed, unchanged or adopted; each
/// item of this set that left the file is removed (with prune) or orphaned. Order: notifiers, then monitors (monitors
/// name notifiers), then monitor removals, then notifier removals. A monitor that names a notifier that will not
/// exist after the apply is an error, as is an item owned by another set.
/// </summary>
internal static class ApplyPlanner
{
    public static ApplyPlan Plan(string set, IReadOnlyList<DesiredItem> desired, IReadOnlyList<StoredItem> stored, bool prune, bool adopt)
    {
        var byKey = stored.ToDictionary(s => (s.Kind, s.Name));
        var wanted = desired.Select(d => (d.Kind, d.Name)).ToHashSet();
        var steps = new List<PlannedStep>();
        foreach (var kind in new[] { ApplyKind.Notifier, ApplyKind.Monitor })
            steps.AddRange(desired.Where(d => d.Kind == kind).Select(d => Step(set, d, byKey.GetValueOrDefault((d.Kind, d.Name)), adopt)));
        foreach (var kind in new[] { ApplyKind.Monitor, ApplyKind.Notifier })
            steps.AddRange(stored.Where(s => s.Kind == kind && !wanted.Contains((s.Kind, s.Name)) && ApplyLabels.OwnerOf(s.Labels, set) == ApplyLabels.Owner.ThisSet)
                .OrderBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => new PlannedStep(kind, s.Name, prune ? ApplyAction.Removed : ApplyAction.Orphaned, null)));
        return new ApplyPlan(steps, DanglingNotifiers(desired, stored, steps));
    }

    private static PlannedStep Step(string set, DesiredItem d, StoredItem? s, bool adopt)
    {
        if (s is null) return new PlannedStep(d.Kind, d.Name, ApplyAction.Created, d);
        return ApplyLabels.OwnerOf(s.Labels, set) switch
        {
            ApplyLabels.Owner.ThisSet => new PlannedStep(d.Kind, d.Name, JsonNode.DeepEquals(d.Comparable, s.Comparable) ? ApplyAction.Unchanged : ApplyAction.Changed, d),
            ApplyLabels.Owner.OtherSet => new PlannedStep(d.Kind, d.Name, ApplyAction.Conflict, d,
                $"owned by the apply set '{s.Labels![ApplyLabels.SetKey]}', not '{set}'"),
            _ when adopt => new PlannedStep(d.Kind, d.Name, ApplyAction.Adopted, d),
            _ => new PlannedStep(d.Kind, d.Name, ApplyAction.Conflict, d, "exists and was not made by fleetops apply: --adopt takes it over"),
        };
    }

    /// <summary>Each notifier a monitor names must be in the file, or on the server and not removed by this apply.</summary>
    private static List<ItemError> DanglingNotifiers(IReadOnlyList<DesiredItem> desired, IReadOnlyList<StoredItem> stored, List<PlannedStep> steps)
    {
        var removed = steps.Where(s => s is { Kind: ApplyKind.Notifier, Action: ApplyAction.Removed }).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var after = desired.Where(d => d.Kind == ApplyKind.Notifier).Select(d => d.Name)
            .Concat(stored.Where(s => s.Kind == ApplyKind.Notifier && !removed.Contains(s.Name)).Select(s => s.Name))
            .ToHashSet(StringComparer.Ordinal);
        return [.. desired.Where(d => d.Kind == ApplyKind.Monitor)
            .SelectMany(d => d.NotifierRefs.Select((name, i) => (d, name, i)))
            .Where(r => !after.Contains(r.name))
            .Select(r => new ItemError(ApplyKind.Monitor, r.d.Name, $"notifiers[{r.i}].name",
                removed.Contains(r.name) ? $"names notifier '{r.name}', which this apply removes" : $"no notifier '{r.name}' in the file or on the server"))];
    }
}
