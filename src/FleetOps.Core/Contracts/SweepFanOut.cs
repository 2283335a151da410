namespace FleetOps.Core.Contracts;

/// <summary>
/// How far one sweep may fan out, so no request can flood the engine: at most <see cref="MaxBatches"/> probe
/// activities and <see cref="MaxChunks"/> sub-orchestrations per run, whatever <c>options.batchSize</c> and
/// <c>options.chunkBatches</c> say. With the defaults no valid request comes near either (100k targets = 200 batches
/// = 4 chunks). Every orchestration's history is then bounded by its batch count: at most
/// <see cref="MaxBatches"/> activities in one history, each a few hundred bytes.
/// </summary>
public static class SweepFanOut
{
    /// <summary>Probe activities per run: the engine costs ~30–60 ms each, so 1,000 is about a minute of overhead.</summary>
    public const int MaxBatches = 1_000;

    /// <summary>Sub-orchestrations per run: each is a few events in the parent's history and a status the API may read.</summary>
    public const int MaxChunks = 20;

    /// <summary>Batches per chunk when the request gives none (<see cref="MaxBatches"/> / <see cref="MaxChunks"/>).</summary>
    public const int DefaultChunkBatches = MaxBatches / MaxChunks;

    /// <summary>Chunks of one run in flight at once.</summary>
    public const int MaxParallelChunks = 4;

    /// <summary>The smallest batch size that keeps <paramref name="targets"/> within <see cref="MaxBatches"/>.</summary>
    public static int MinBatchSize(int targets) => Math.Max(1, Ceiling(targets, MaxBatches));

    /// <summary>The smallest chunk that keeps <paramref name="batches"/> within <see cref="MaxChunks"/>.</summary>
    public static int MinChunkBatches(int batches) => Math.Max(1, Ceiling(batches, MaxChunks));

    /// <summary>Sub-orchestrations a run of <paramref name="batches"/> makes: none while one orchestration holds them all.</summary>
    public static int ChunkCount(int batches, int chunkBatches) => batches <= chunkBatches ? 0 : Ceiling(batches, chunkBatches);

    /// <summary>The fan-out problems of a plan, each naming the option to change and the smallest value allowed.</summary>
    public static IReadOnlyList<ValidationError> Check(SweepPlan plan)
    {
        var errors = new List<ValidationError>();
        if (plan.BatchCount > MaxBatches)
            errors.Add(new ValidationError("options.batchSize",
                $"{plan.BatchSize} makes {plan.BatchCount} batches of {plan.TargetCount} targets; a sweep runs at most {MaxBatches} batches, " +
                $"so the batch size must be at least {MinBatchSize(plan.TargetCount)}"));
        var chunks = ChunkCount(plan.BatchCount, plan.ChunkBatchesOrDefault);
        if (chunks > MaxChunks)
            errors.Add(new ValidationError("options.chunkBatches",
                $"{plan.ChunkBatchesOrDefault} makes {chunks} chunks of {plan.BatchCount} batches; a sweep runs at most {MaxChunks} chunks, " +
                $"so chunkBatches must be at least {MinChunkBatches(plan.BatchCount)}"));
        return errors;
    }

    private static int Ceiling(int count, int per) => (int)(((long)count + per - 1) / per);
}
