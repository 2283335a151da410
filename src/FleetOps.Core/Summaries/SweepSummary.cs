using FleetOps.Core.Results;

namespace FleetOps.Core.Summaries;

/// <summary>The sweep's headline numbers: what GET /api/runs/{id} shows and the orchestration returns.</summary>
public sealed record SweepSummary
{
    public int Targets { get; init; }
    public int Ok { get; init; }
    public int Failed { get; init; }
    public int BatchesDone { get; init; }
    public int BatchesTotal { get; init; }
    public Dictionary<ErrorKind, int> Errors { get; init; } = [];
    public LatencySummary Latency { get; init; } = new(0, 0, 0, 0);
    public List<FailureSample> FirstFailures { get; init; } = [];
}

public sealed record LatencySummary(double P50Ms, double P95Ms, double P99Ms, double MaxMs);

/// <summary>Accumulates batch outcomes in the orchestrator. Its size is fixed: counts, one histogram, N samples.</summary>
public sealed class SweepTally(int batchesTotal, int targetsTotal)
{
    private readonly LatencyHistogram _latency = new();
    private readonly Dictionary<ErrorKind, int> _errors = [];
    private readonly List<FailureSample> _failures = [];
    private int _ok, _failed, _batchesDone;

    public int BatchesDone => _batchesDone;
    public int TargetsDone => _ok + _failed;

    public void Add(BatchOutcome batch)
    {
        _batchesDone += batch.Batches;
        _ok += batch.Ok;
        _failed += batch.Failed;
        _latency.Merge(batch.Latency);
        foreach (var (kind, count) in batch.Errors) _errors[kind] = _errors.GetValueOrDefault(kind) + count;
        foreach (var failure in batch.Failures)
            if (_failures.Count < BatchOutcome.MaxFailureSamples) _failures.Add(failure);
    }

    /// <summary>This tally as one merged outcome: what a chunk of batches hands back to the sweep.</summary>
    public BatchOutcome ToOutcome(int firstBatch)
    {
        var latency = new LatencyHistogram();
        latency.Merge(_latency);
        return new BatchOutcome
        {
            BatchIndex = firstBatch,
            Batches = _batchesDone,
            Targets = _ok + _failed,
            Ok = _ok,
            Failed = _failed,
            Errors = new Dictionary<ErrorKind, int>(_errors),
            Latency = latency,
            Failures = [.. _failures],
        };
    }

    public SweepSummary ToSummary() => new()
    {
        Targets = targetsTotal,
        Ok = _ok,
        Failed = _failed,
        BatchesDone = _batchesDone,
        BatchesTotal = batchesTotal,
        Errors = new Dictionary<ErrorKind, int>(_errors),
        Latency = new LatencySummary(_latency.Percentile(0.50), _latency.Percentile(0.95), _latency.Percentile(0.99), Math.Round(_latency.MaxMs, 2)),
        FirstFailures = [.. _failures],
    };
}
