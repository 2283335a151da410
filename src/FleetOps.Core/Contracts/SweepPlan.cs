using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Contracts;

/// <summary>
/// A validated request cut into batches. Batch size rule (when the request gives none): aim for 32 batches, so
/// both cores and every worker have work and progress is visible, but keep each batch between 25 and 500 targets:
/// under 25 the engine's ~60 ms per activity dominates; over 500 a retried batch repeats too much work.
/// </summary>
public sealed record SweepPlan(string Name, int TargetCount, int BatchSize, ProbeOptions Probe)
{
    /// <summary>Batches per sub-orchestration when the request sets it; null leaves the workflow's default.</summary>
    public int? ChunkBatches { get; init; }

    /// <summary>Batches per sub-orchestration: the request's, else <see cref="SweepFanOut.DefaultChunkBatches"/>.</summary>
    public int ChunkBatchesOrDefault => ChunkBatches ?? SweepFanOut.DefaultChunkBatches;

    public const int TargetBatches = 32, MinBatchSize = 25, MaxDefaultBatchSize = 500;

    public int BatchCount => BatchSize <= 0 ? 0 : (int)(((long)TargetCount + BatchSize - 1) / BatchSize);

    /// <summary>About <see cref="TargetBatches"/> batches, 25 to 500 targets each; larger only to stay within <see cref="SweepFanOut.MaxBatches"/>.</summary>
    public static int DefaultBatchSize(int targets) =>
        Math.Max(Math.Clamp((targets + TargetBatches - 1) / TargetBatches, MinBatchSize, MaxDefaultBatchSize), SweepFanOut.MinBatchSize(targets));

    public static SweepPlan For(SweepRequest request)
    {
        var count = request.Targets?.Count ?? 0;
        var o = request.Options;
        var defaults = new ProbeOptions();
        var probe = new ProbeOptions
        {
            Concurrency = o?.Concurrency ?? defaults.Concurrency,
            TimeoutMs = o?.TimeoutMs ?? defaults.TimeoutMs,
            Attempts = o?.Attempts ?? defaults.Attempts,
        };
        return new SweepPlan(request.Name ?? "sweep", count, o?.BatchSize ?? DefaultBatchSize(count), probe) { ChunkBatches = o?.ChunkBatches };
    }

    /// <summary>The targets of each batch, in request order, with the checks each will run.</summary>
    public IEnumerable<IReadOnlyList<ProbeTask>> Batches(SweepRequest request)
    {
        var targets = request.Targets ?? [];
        for (var start = 0; start < targets.Count; start += BatchSize)
        {
            yield return targets.Skip(start).Take(BatchSize).Select(t => new ProbeTask(
                new Target(t.Name!, t.Address!, t.Labels),
                (IReadOnlyList<CheckSpec>?)t.Checks ?? request.Checks ?? [])).ToList();
        }
    }
}
