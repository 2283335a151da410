using System.Text.Json;

namespace FleetOps.Core.Rollouts;

/// <summary>The external events a running rollout takes, by name (raised by the API, read by the orchestrator).</summary>
public static class RolloutEvents
{
    public const string Approval = "approval", Cancel = "cancel", Retune = "retune", Paused = "paused", Resumed = "resumed";
}

/// <param name="Wave">The 1-based wave the person approved (a stale decision for another wave is ignored).</param>
public sealed record ApprovalDecision(bool Approved, string? By, string? Reason, int Wave, DateTimeOffset At);

public sealed record ControlNote(string? By, string? Reason, DateTimeOffset At);

/// <summary>Body of POST /api/runs/{id}/retune: applied from the next wave.</summary>
public sealed record RetuneRequest
{
    public int? Concurrency { get; init; }
    public BudgetSpec? Budgets { get; init; }
    public string? By { get; init; }
}

/// <summary>Body of approve, reject, pause, resume and cancel: who, and why (both optional).</summary>
public sealed record ControlBody
{
    public string? By { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Retunes that arrive during a wave wait for the next one; several merge, the later one winning field by field.</summary>
public static class Retunes
{
    public static RetuneRequest Merge(RetuneRequest? pending, RetuneRequest next) =>
        pending is null ? next : new RetuneRequest
        {
            Concurrency = next.Concurrency ?? pending.Concurrency,
            Budgets = Merge(pending.Budgets, next.Budgets),
            By = next.By ?? pending.By,
        };

    private static BudgetSpec? Merge(BudgetSpec? earlier, BudgetSpec? later) =>
        earlier is null ? later : later is null ? earlier : new BudgetSpec
        {
            ActionFailures = Given(later.ActionFailures) ? later.ActionFailures : earlier.ActionFailures,
            GateFailures = Given(later.GateFailures) ? later.GateFailures : earlier.GateFailures,
            OnExceeded = later.OnExceeded ?? earlier.OnExceeded,
        };

    /// <summary>A budget field counts as given unless absent or JSON null.</summary>
    public static bool Given(JsonElement? value) => value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };

    /// <summary>"concurrency 20, gate failures "10%"": what a retune asks for, for the timeline.</summary>
    public static string Describe(RetuneRequest r)
    {
        var parts = new List<string>();
        if (r.Concurrency is { } c) parts.Add($"concurrency {c}");
        if (Given(r.Budgets?.ActionFailures)) parts.Add($"action failures {r.Budgets!.ActionFailures}");
        if (Given(r.Budgets?.GateFailures)) parts.Add($"gate failures {r.Budgets!.GateFailures}");
        if (r.Budgets?.OnExceeded is { } o) parts.Add($"on exceeded {o}");
        return parts.Count == 0 ? "nothing to change" : string.Join(", ", parts);
    }
}
