using FleetOps.Cli.Apply;

namespace FleetOps.Cli.Output;

/// <summary>
/// What <c>fleetops apply</c> prints: a line per item (<c>kind name action</c>, aligned), then a summary line. Plain
/// text on a terminal and in a log alike: it is meant to be read in CI output and diffed. Never a secret: the lines
/// name items, and the only values shown are a new heartbeat's link (shown once, as the API shows it).
/// </summary>
internal sealed class ApplyView(CliConsole console, ApplyFile file, IReadOnlyList<PlannedStep> steps, bool dryRun)
{
    private readonly int _width = steps.Count == 0 ? 0 : steps.Max(s => s.Name.Length);

    public void Step(PlannedStep step, string? note = null)
    {
        var detail = note ?? step.Reason ?? (step.Action == ApplyAction.Orphaned ? "not in the file; kept (--prune removes it)" : null);
        console.Line($"{Kind(step.Kind),-8} {step.Name.PadRight(_width)}  {Name(step.Action)}{(detail is null ? "" : "  " + detail)}");
    }

    public void Summary(IReadOnlyList<ApplyAction> done)
    {
        var counts = new[] { ApplyAction.Created, ApplyAction.Changed, ApplyAction.Unchanged, ApplyAction.Adopted, ApplyAction.Removed, ApplyAction.Orphaned }
            .Select(a => (Action: a, Count: done.Count(d => d == a)))
            .Where(c => c.Count > 0 || c.Action is ApplyAction.Created or ApplyAction.Changed or ApplyAction.Unchanged or ApplyAction.Removed)
            .Select(c => $"{c.Count} {Name(c.Action)}");
        console.Line($"{file.FileName} (set '{file.Set}'): {string.Join(", ", counts)}{(dryRun ? " (dry run: nothing was sent)" : "")}");
    }

    public static string Kind(ApplyKind kind) => kind == ApplyKind.Monitor ? "monitor" : "notifier";

    public static string Name(ApplyAction action) => action.ToString().ToLowerInvariant();

    /// <summary>An item's problem, for stderr: <c>monitors.yaml: monitor 'edge': interval: ...</c>.</summary>
    public static string Error(ApplyFile file, ItemError e) => $"{file.FileName}: {Kind(e.Kind)} '{e.Name}': {e.Field}: {e.Message}";
}
