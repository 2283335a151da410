using FleetOps.Core.Results;
using FleetOps.Core.Summaries;

namespace FleetOps.Probing.Reports;

/// <summary>
/// Everything a report shows, gathered in one pass over the result batches. A batch is dropped as soon as it is read;
/// what stays is bounded (counts, histograms, the top slowest) except the rows a report lists one by one: failures and
/// failed conditions up to <paramref name="rowLimit"/>, and, for the HTML grid, one small cell per target.
/// </summary>
internal sealed class ReportData(int rowLimit, bool keepGrid)
{
    public const int SlowestCount = 20;

    private readonly PriorityQueue<SlowRow, double> _slowest = new();
    private readonly Dictionary<ErrorKind, (int Count, string Example)> _errors = [];
    private readonly Dictionary<string, List<GridCell>> _grid = new(StringComparer.Ordinal);

    public int Targets { get; private set; }
    public int Ok { get; private set; }
    public int Failed => Targets - Ok;

    /// <summary>The same histogram the sweep summary uses, so the report's percentiles match the API's.</summary>
    public LatencyHistogram Latency { get; } = new();

    public long[] BucketOk { get; } = new long[LatencyBuckets.Count];
    public long[] BucketFailed { get; } = new long[LatencyBuckets.Count];

    public List<FailingRow> Failing { get; } = [];
    public List<ConditionRow> ConditionFailures { get; } = [];
    public int ConditionFailuresTotal { get; private set; }

    public LatencySummary Percentiles =>
        new(Latency.Percentile(0.50), Latency.Percentile(0.95), Latency.Percentile(0.99), Math.Round(Latency.MaxMs, 2));

    public static async Task<ReportData> CollectAsync(
        IAsyncEnumerable<IReadOnlyList<TargetResult>> batches, int rowLimit, bool keepGrid, CancellationToken ct)
    {
        var data = new ReportData(rowLimit, keepGrid);
        await foreach (var batch in batches.WithCancellation(ct).ConfigureAwait(false))
            foreach (var result in batch) data.Add(result);
        return data;
    }

    public void Add(TargetResult result)
    {
        Targets++;
        if (result.Ok) Ok++;
        Latency.Record(result.LatencyMs);
        (result.Ok ? BucketOk : BucketFailed)[LatencyBuckets.IndexOf(result.LatencyMs)]++;

        var group = ReportText.Group(result);
        var failing = ReportText.FailingCheck(result);
        AddSlow(result, group);
        AddConditionFailures(result);
        if (!result.Ok) AddFailure(result, group, failing);
        if (keepGrid) Cells(group).Add(new GridCell(result.Name, result.Address, result.LatencyMs, result.Ok, failing?.Check, failing?.Error));
    }

    /// <summary>Slowest first; ties by name so a report is the same whatever order the batches came in.</summary>
    public IReadOnlyList<SlowRow> Slowest() =>
        [.. _slowest.UnorderedItems.Select(i => i.Element).OrderByDescending(r => r.LatencyMs).ThenBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>Most frequent first.</summary>
    public IReadOnlyList<KindCount> ErrorsByKind() =>
        [.. _errors.Select(e => new KindCount(e.Key, e.Value.Count, e.Value.Example)).OrderByDescending(k => k.Count).ThenBy(k => k.Kind)];

    /// <summary>Groups by name, the unlabelled "(none)" last.</summary>
    public IEnumerable<(string Group, List<GridCell> Cells)> Grid() =>
        _grid.OrderBy(g => g.Key == ReportText.NoGroup).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Value));

    private List<GridCell> Cells(string group)
    {
        if (!_grid.TryGetValue(group, out var cells)) _grid[group] = cells = [];
        return cells;
    }

    private void AddSlow(TargetResult result, string group)
    {
        if (_slowest.Count == SlowestCount && result.LatencyMs <= _slowest.Peek().LatencyMs) return;
        var slowestCheck = result.Checks.Count == 0 ? null : result.Checks.MaxBy(c => c.LatencyMs);
        var row = new SlowRow(result.Name, group, result.Address, result.LatencyMs, result.Ok, slowestCheck?.Check, slowestCheck?.LatencyMs ?? 0);
        if (_slowest.Count < SlowestCount) _slowest.Enqueue(row, row.LatencyMs);
        else _slowest.DequeueEnqueue(row, row.LatencyMs);
    }

    private void AddFailure(TargetResult result, string group, CheckResult? failing)
    {
        var kind = failing?.Error?.Kind ?? ErrorKind.Other;
        _errors[kind] = _errors.TryGetValue(kind, out var seen) ? (seen.Count + 1, seen.Example) : (1, result.Name);
        if (Failing.Count < rowLimit)
            Failing.Add(new FailingRow(result.Name, group, result.Address, failing?.Check ?? "-", kind, ReportText.MessageOf(result), result.LatencyMs));
    }

    private void AddConditionFailures(TargetResult result)
    {
        foreach (var check in result.Checks)
        {
            if (check.Conditions is not { } conditions) continue;
            foreach (var condition in conditions)
            {
                if (condition.Ok) continue;
                ConditionFailuresTotal++;
                if (ConditionFailures.Count < rowLimit)
                    ConditionFailures.Add(new ConditionRow(result.Name, check.Check, condition.Condition, condition.Actual));
            }
        }
    }
}
