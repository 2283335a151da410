using System.Globalization;

namespace FleetOps.Core.Rollouts;

/// <summary>One thing that happened to a rollout, timed by the orchestration's clock (or by the API for pause/resume).</summary>
public sealed record TimelineEntry(DateTime At, string Event, int? Wave = null, string? Detail = null, string? By = null);

/// <summary>The timeline's event names.</summary>
public static class TimelineEvents
{
    public const string Started = "started", Preflight = "preflight", Planned = "planned";
    public const string ApprovalRequested = "approval-requested", ApprovalTimedOut = "approval-timed-out", ApprovalIgnored = "approval-ignored";
    public const string Approved = "approved", Rejected = "rejected";
    public const string WaveStarted = "wave-started", ActionsDone = "actions-done", ActionsFailed = "actions-failed";
    public const string GatePassed = "gate-passed", GateFailed = "gate-failed", WaveDone = "wave-done";
    public const string BudgetExceeded = "budget-exceeded", RollbackStarted = "rollback-started", RollbackDone = "rollback-done";
    public const string RetuneReceived = "retune-received", Retuned = "retuned";
    public const string Paused = "paused", Resumed = "resumed", CancelRequested = "cancel-requested";
    public const string AnalysisPassed = "analysis-passed", AnalysisFailed = "analysis-failed", AnalysisInconclusive = "analysis-inconclusive", AnalysisRestarted = "analysis-restarted";

    /// <summary>The last entry names the final state: completed, halted, rolled-back, cancelled or failed.</summary>
    public static string Final(RolloutState state) => WireNames.Of(state);
}

/// <summary>
/// The timeline's wording, and its bounds: a detail is at most <see cref="MaxDetail"/> characters and a list of
/// nodes shows <see cref="ShownNames"/> names (each cut to <see cref="MaxName"/>) and counts the rest, so an entry
/// stays small whatever the node names, the fleet size or a person's reason.
/// </summary>
public static class TimelineText
{
    public const int ShownNames = 20, MaxName = 120, MaxDetail = 2000, MaxBy = 200;

    /// <summary>": a, b, c and 17 more" (empty when there are none).</summary>
    public static string Names(IReadOnlyCollection<string> names, int total)
    {
        if (names.Count == 0 || total <= 0) return "";
        var shown = names.Take(ShownNames).Select(n => Clip(n, MaxName)).ToList();
        var more = total - shown.Count;
        return $": {string.Join(", ", shown)}{(more > 0 ? $" and {more} more" : "")}";
    }

    /// <summary>At most <paramref name="max"/> characters, cut on a whole character with "…" at the end.</summary>
    public static string? Clip(string? text, int max = MaxDetail)
    {
        if (text is null || text.Length <= max) return text;
        var cut = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    public static string Started(int nodes, ActionSpec action, BudgetLedger ledger) =>
        $"{nodes} nodes; action {action.Method ?? ActionLimits.DefaultMethod} {Clip(action.Url, 300)}; {ledger.Describe()}";

    public static string Preflight(int eligible, int excluded, IReadOnlyCollection<string> sample) =>
        $"{eligible} healthy; {excluded} left out{Names(sample, excluded)}";

    public static string Planned(IReadOnlyList<int> sizes) =>
        $"{sizes.Count} waves: {string.Join(", ", sizes.Take(50).Select(s => s.ToString(CultureInfo.InvariantCulture)))}{(sizes.Count > 50 ? $" and {sizes.Count - 50} more" : "")}";

    public static string WaveStarted(int size, int start, int concurrency) =>
        $"{size} nodes (#{start + 1}-#{start + size}), concurrency {concurrency}";

    public static string ActionsDone(int ok, int failed, IReadOnlyCollection<string> failedSample) =>
        $"{ok} ok, {failed} failed{Names(failedSample, failed)}";

    public static string ActionsFailed(int failed, int from, int count, IReadOnlyCollection<string> failedSample) =>
        $"{failed} failed in nodes #{from + 1}-#{from + count}{Names(failedSample, failed)}";

    public static string GatePassed(int probed, int passes, int rounds) =>
        $"{probed} nodes healthy {passes} time(s) in a row after {rounds} round(s)";

    public static string GateFailed(int failures, int probed, int passes, int deadlineSeconds, IReadOnlyCollection<string> sample) =>
        $"{failures} of {probed} nodes not healthy {passes} time(s) in a row within {deadlineSeconds} s{Names(sample, failures)}";

    public static string WaveDone(BudgetLedger ledger) =>
        $"{ledger.Done} nodes done, {ledger.Failed} failed, {ledger.GateFailures} gate failures so far";

    public static string RollbackDone(int ok, int failed, IReadOnlyCollection<string> failedSample) =>
        $"{ok} nodes rolled back, {failed} failed{Names(failedSample, failed)}";

    public static string Rejected(int wave, string? by, string? reason) =>
        $"wave {wave} rejected by {Clip(by, MaxBy) ?? "someone"}{(reason is null ? "" : $": {Clip(reason)}")}";

    public static string Cancelled(ControlNote note) =>
        $"cancelled by {Clip(note.By, MaxBy) ?? "request"}{(note.Reason is { } r ? $": {Clip(r)}" : "")}";
}
