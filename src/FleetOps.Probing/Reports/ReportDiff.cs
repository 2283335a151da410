using FleetOps.Core.Results;

namespace FleetOps.Probing.Reports;

/// <summary>
/// Compares two sweeps of a fleet, targets matched by name (unique in an inventory; a repeated name counts once, first
/// seen). Only the previous sweep is held, in a compact form; the current one streams past.
/// <list type="bullet">
/// <item>new failure: ok before, failed now; recovery: failed before, ok now;</item>
/// <item>latency regression: ok both times and slower by the rule of <see cref="DiffOptions"/>;</item>
/// <item>unchanged: in both sweeps and none of the above (including failed both times).</item>
/// </list>
/// </summary>
public static class ReportDiff
{
    public static SweepDiff Compare(IEnumerable<TargetResult> previous, IEnumerable<TargetResult> current, DiffOptions? options = null)
    {
        var builder = new Builder(options ?? new DiffOptions());
        foreach (var result in previous) builder.AddPrevious(result);
        foreach (var result in current) builder.AddCurrent(result);
        return builder.Build();
    }

    /// <summary>The same, over result batches as the run store reads them.</summary>
    public static async Task<SweepDiff> CompareAsync(
        IAsyncEnumerable<IReadOnlyList<TargetResult>> previous,
        IAsyncEnumerable<IReadOnlyList<TargetResult>> current,
        DiffOptions? options = null,
        CancellationToken ct = default)
    {
        var builder = new Builder(options ?? new DiffOptions());
        await foreach (var batch in previous.WithCancellation(ct).ConfigureAwait(false))
            foreach (var result in batch) builder.AddPrevious(result);
        await foreach (var batch in current.WithCancellation(ct).ConfigureAwait(false))
            foreach (var result in batch) builder.AddCurrent(result);
        return builder.Build();
    }

    /// <summary>A previous result without its checks: enough to classify and to describe.</summary>
    private sealed record Prior(string Address, bool Ok, double LatencyMs, string State);

    private sealed class Builder(DiffOptions options)
    {
        private readonly Dictionary<string, Prior> _previous = new(StringComparer.Ordinal);
        private readonly HashSet<string> _current = new(StringComparer.Ordinal);
        private readonly List<DiffEntry> _newFailures = [], _recoveries = [], _regressions = [];
        private readonly List<string> _added = [];
        private int _unchanged;

        public void AddPrevious(TargetResult result) =>
            _previous.TryAdd(result.Name, new Prior(result.Address, result.Ok, result.LatencyMs, ReportText.State(result)));

        public void AddCurrent(TargetResult result)
        {
            if (!_current.Add(result.Name)) return;
            if (!_previous.Remove(result.Name, out var before))
            {
                _added.Add(result.Name);
                return;
            }
            var entry = new DiffEntry(result.Name, result.Address, before.State, ReportText.State(result), before.LatencyMs, result.LatencyMs);
            if (before.Ok && !result.Ok) _newFailures.Add(entry);
            else if (!before.Ok && result.Ok) _recoveries.Add(entry);
            else if (before.Ok && IsRegression(before.LatencyMs, result.LatencyMs)) _regressions.Add(entry);
            else _unchanged++;
        }

        public SweepDiff Build() => new(
            ByName(_newFailures),
            ByName(_recoveries),
            [.. _regressions.OrderByDescending(e => e.AfterMs - e.BeforeMs).ThenBy(e => e.Name, StringComparer.Ordinal)],
            [.. _added.Order(StringComparer.Ordinal)],
            [.. _previous.Keys.Order(StringComparer.Ordinal)], // whatever the current sweep did not claim
            _unchanged);

        private bool IsRegression(double before, double after) =>
            after > before * options.RegressionRatio && after - before > options.MinRegressionMs;

        private static DiffEntry[] ByName(List<DiffEntry> entries) => [.. entries.OrderBy(e => e.Name, StringComparer.Ordinal)];
    }
}
