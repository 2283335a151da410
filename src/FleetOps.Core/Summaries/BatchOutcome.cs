using FleetOps.Core.Results;

namespace FleetOps.Core.Summaries;

/// <summary>What one probe batch returns to the orchestrator: counts, not rows (the rows go to blob storage).</summary>
public sealed record BatchOutcome
{
    public const int MaxFailureSamples = 20;

    public int BatchIndex { get; init; }

    /// <summary>How many batches this outcome covers: 1 for an activity's, more for a merged chunk's.</summary>
    public int Batches { get; init; } = 1;
    public int Targets { get; init; }
    public int Ok { get; init; }
    public int Failed { get; init; }
    public Dictionary<ErrorKind, int> Errors { get; init; } = [];
    public LatencyHistogram Latency { get; init; } = new();
    public List<FailureSample> Failures { get; init; } = [];

    public static BatchOutcome From(int batchIndex, IReadOnlyList<TargetResult> results)
    {
        var outcome = new BatchOutcome { BatchIndex = batchIndex, Targets = results.Count, Ok = results.Count(r => r.Ok) };
        outcome = outcome with { Failed = outcome.Targets - outcome.Ok };
        foreach (var result in results)
        {
            outcome.Latency.Record(result.LatencyMs);
            if (result.Ok) continue;
            var failing = result.Checks.First(c => !c.Ok);
            var kind = failing.Error?.Kind ?? ErrorKind.Other;
            outcome.Errors[kind] = outcome.Errors.GetValueOrDefault(kind) + 1;
            if (outcome.Failures.Count < MaxFailureSamples)
                outcome.Failures.Add(new FailureSample(result.Name, result.Address, failing.Check, kind, failing.Error?.Message ?? "failed"));
        }
        return outcome;
    }
}
