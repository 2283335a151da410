using FleetOps.Core.Probing;

namespace FleetOps.Workflows.Sweeps;

/// <summary>The sweep orchestration's input: a reference to batches already in blob storage, never the targets.</summary>
public sealed record SweepInput(string RunId, string Name, int TargetCount, int BatchCount, ProbeOptions Probe)
{
    /// <summary>Batches in flight at once: enough to keep every activity slot busy without flooding the work-item queue.</summary>
    public int MaxParallelBatches { get; init; } = 32;
}

public sealed record ProbeBatchInput(string RunId, int BatchIndex, ProbeOptions Probe);
