using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;
using FleetOps.Core.Summaries;

namespace FleetOps.Workflows.Sweeps;

// The sweep's durable payloads: orchestration inputs and outputs, activity inputs, custom status. They are read with
// the tolerant FleetOpsJson.Options, so a field added or removed by another version still reads.

/// <summary>The sweep orchestration's input: a reference to the request stored as one blob, never the targets.</summary>
public sealed record SweepInput(string RunId, string Name, int TargetCount, int BatchCount, ProbeOptions Probe)
{
    /// <summary>Batches in flight at once per orchestration: enough to keep every activity slot busy without flooding the queue.</summary>
    public int MaxParallelBatches { get; init; } = 32;

    /// <summary>
    /// Above this many batches the sweep runs them in sub-orchestrations of this many each, so no orchestration's
    /// history grows past a few hundred events (100k targets = 200 batches = 4 chunks of 50).
    /// </summary>
    public int ChunkBatches { get; init; } = SweepFanOut.DefaultChunkBatches;

    /// <summary>Targets per batch: what <see cref="CutBatchesActivity"/> cuts the stored request into.</summary>
    public int BatchSize { get; init; }

    /// <summary>
    /// True when the starter stored the request as one blob and the orchestration's first activity cuts it into
    /// batches. False for a run started by an earlier version, whose starter wrote the batches itself: its history
    /// has no cut activity to replay.
    /// </summary>
    public bool CutsBatches { get; init; }

    /// <summary>The stored inventory the targets came from, if any: a report can diff against its previous sweep.</summary>
    public string? Inventory { get; init; }

    /// <summary>The run's key in the run index (newest first): also its place among the inventory's completed sweeps.</summary>
    public string? RunKey { get; init; }

    public int ChunkCount => SweepFanOut.ChunkCount(BatchCount, ChunkBatches);
}

/// <summary>Input of <see cref="CutBatchesActivity"/>: cut the stored request into <c>BatchCount</c> batches of <c>BatchSize</c>.</summary>
public sealed record CutBatchesInput(string RunId, int BatchSize, int BatchCount);

public sealed record ProbeBatchInput(string RunId, int BatchIndex, ProbeOptions Probe);

/// <summary>Input of <see cref="RecordCompletionActivity"/>: a sweep of a stored inventory completed.</summary>
public sealed record SweepCompletion(string RunId, string Inventory, string RunKey);

/// <summary>A contiguous range of batches run by one <see cref="SweepChunkOrchestrator"/>.</summary>
public sealed record SweepChunkInput(string RunId, int FirstBatch, int BatchCount, ProbeOptions Probe, int MaxParallelBatches);

/// <summary>What a chunk hands back: its batches' merged counts, and which batches failed all their retries.</summary>
public sealed record SweepChunkOutcome(BatchOutcome Tally, List<string> FailedBatches);

/// <summary>
/// A sweep's custom status: what GET /api/runs/{id} shows as progress while it runs. A chunked sweep's own status
/// counts finished chunks and names the chunks in flight (at most <see cref="SweepFanOut.MaxParallelChunks"/>), so the
/// API adds their live counts with a bounded number of reads, however many chunks the run has.
/// </summary>
public sealed record SweepProgress(string Phase, int BatchesDone, int BatchesTotal, int TargetsDone, int TargetsTotal, int Ok, int Failed)
{
    public int ChunksTotal { get; init; }
    public int ChunksDone { get; init; }

    /// <summary>The chunks in flight, by index.</summary>
    public List<int>? RunningChunks { get; init; }
}
