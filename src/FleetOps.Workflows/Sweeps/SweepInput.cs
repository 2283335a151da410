using FleetOps.Core.Checks;
using FleetOps.Probing;

namespace FleetOps.Workflows.Sweeps;

/// <summary>The sweep orchestration's input: a reference to batches already in blob storage, never the targets.</summary>
public sealed record SweepInput(string RunId, string Name, int TargetCount, int BatchCount, ProbeOptions Probe)
{
    /// <summary>Batches in flight at once per orchestration: enough to keep every activity slot busy without flooding the queue.</summary>
    public int MaxParallelBatches { get; init; } = 32;

    /// <summary>
    /// Above this many batches the sweep runs them in sub-orchestrations of this many each, so no orchestration's
    /// history grows past a few hundred events (100k targets = 200 batches = 4 chunks of 50).
    /// </summary>
    public int ChunkBatches { get; init; } = DefaultChunkBatches;

    public const int DefaultChunkBatches = 50;
    public const int MaxParallelChunks = 4;

    /// <summary>The stored inventory the targets came from, if any: a report can diff against its previous sweep.</summary>
    public string? Inventory { get; init; }

    public int ChunkCount => BatchCount <= ChunkBatches ? 0 : (BatchCount + ChunkBatches - 1) / ChunkBatches;
}

public sealed record ProbeBatchInput(string RunId, int BatchIndex, ProbeOptions Probe);

/// <summary>A contiguous range of batches run by one <see cref="SweepChunkOrchestrator"/>.</summary>
public sealed record SweepChunkInput(string RunId, int FirstBatch, int BatchCount, ProbeOptions Probe, int MaxParallelBatches);

/// <summary>What a chunk hands back: its batches' merged counts, and which batches failed all their retries.</summary>
public sealed record SweepChunkOutcome(Core.Summaries.BatchOutcome Tally, List<string> FailedBatches);
