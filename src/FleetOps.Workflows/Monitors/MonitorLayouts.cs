using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;
using FleetOps.Core.Monitors;
using FleetOps.Core.Targets;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// Cuts a monitor's targets into batches, once per definition version (or stored inventory change): writes the
/// batches of the new layout, carries every surviving target's state and unflushed uptime over from the previous
/// layout, then points the plan at the new layout (the last write, so a crash before it leaves the old layout in use
/// and the next cycle cuts again). The old layout is removed afterwards.
/// </summary>
public sealed class MonitorLayouts(MonitorStateStore store, ILogger<MonitorLayouts> logger)
{
    /// <summary>A cycle runs every batch in one orchestration execution: this many at most (100,000 targets at the default batch size).</summary>
    public const int MaxBatches = 200;

    private const int ParallelWrites = 8;

    public static int BatchSizeFor(MonitorDefinition definition, int targets) =>
        definition.Heartbeat is not null ? 1 : definition.Options?.BatchSize ?? SweepPlan.DefaultBatchSize(targets);

    /// <summary>The fan-out problem of a definition with this many targets, naming <c>options.batchSize</c>.</summary>
    public static ValidationError? FanOutProblem(MonitorDefinition definition, int targets)
    {
        var size = BatchSizeFor(definition, targets);
        var batches = (targets + size - 1) / Math.Max(1, size);
        if (batches <= MaxBatches) return null;
        return new ValidationError("options.batchSize",
            $"{size} makes {batches} batches of {targets} targets; a monitor's cycle runs at most {MaxBatches} batches, so the batch size must be at least {(targets + MaxBatches - 1) / MaxBatches}");
    }

    public async Task<MonitorPlan> CutAsync(MonitorRecord record, ResolvedTargets resolved, MonitorPlan? previous, DateTimeOffset now, CancellationToken ct)
    {
        var (monitor, inc, definition) = (record.Name, record.Incarnation, record.Definition);
        var targets = resolved.Targets;
        var version = (previous?.Version ?? 0) + 1;
        var (map, _) = DependencyMap.Build(targets, definition.ParentLabel);
        var parents = map.Parents;
        var size = BatchSizeFor(definition, targets.Count);
        var chunks = targets.Chunk(size).ToList();

        await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Count), Options(ct), async (i, token) =>
        {
            var chunk = chunks[i];
            var batch = new MonitorBatch(chunk.Select(t => new ProbeTask(new Target(t.Name!, t.Address!, t.Labels), (IReadOnlyList<CheckSpec>?)t.Checks ?? definition.Checks ?? [])).ToList())
            {
                ParentOf = Only(chunk.Where(t => map.ParentOf.ContainsKey(t.Name!)).ToDictionary(t => t.Name!, t => map.ParentOf[t.Name!], StringComparer.Ordinal)),
                Parents = Only(chunk.Where(t => parents.Contains(t.Name!)).Select(t => t.Name!).ToList()),
            };
            await store.WriteBatchAsync(monitor, inc, version, i, batch, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        // Carry each target's state and unflushed uptime to its (maybe new) batch.
        var old = new Dictionary<string, TargetRecord>(StringComparer.Ordinal);
        long lastCycle = 0;
        if (previous is not null)
        {
            foreach (var state in await store.ReadStatesAsync(monitor, inc, previous.Version, Enumerable.Range(0, previous.BatchCount), ct).ConfigureAwait(false))
            {
                lastCycle = Math.Max(lastCycle, state.LastCycle);
                foreach (var (name, target) in state.Targets) old.TryAdd(name, target);
            }
        }
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Count), Options(ct), async (i, token) =>
        {
            var carried = chunks[i].Where(t => old.ContainsKey(t.Name!)).ToDictionary(t => t.Name!, t => old[t.Name!], StringComparer.Ordinal);
            await store.WriteStateAsync(monitor, inc, new MonitorBatchState(version, i) { LastCycle = lastCycle, Targets = carried }, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var plan = new MonitorPlan
        {
            Version = version, DefinitionVersion = record.Version, InventoryETag = resolved.InventoryETag, BatchCount = chunks.Count,
            BatchSize = size, TargetCount = targets.Count, Heartbeat = definition.Heartbeat is not null, CutAt = now,
            Dependents = map.ParentOf.Values.GroupBy(p => p, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
        };
        await store.WritePlanAsync(monitor, inc, plan, ct).ConfigureAwait(false);
        logger.LogInformation("Monitor {Monitor}: layout v{Version}: {Targets} targets in {Batches} batches of {Size} ({Carried} states carried over)",
            monitor, version, targets.Count, chunks.Count, size, old.Count);

        if (previous is not null)
        {
            try
            {
                await store.DeleteLayoutAsync(monitor, inc, previous.Version, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Monitor {Monitor}: the old layout v{Version} stays behind ({Error})", monitor, previous.Version, e.Message);
            }
        }
        return plan;
    }

    private static ParallelOptions Options(CancellationToken ct) => new() { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = ct };

    private static Dictionary<string, string>? Only(Dictionary<string, string> map) => map.Count == 0 ? null : map;

    private static List<string>? Only(List<string> list) => list.Count == 0 ? null : list;
}
