using FleetOps.Core.Monitors;
using FleetOps.Probing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// One batch of one cycle: probes the batch's targets (the sweep's prober, bounded concurrency, timeouts per attempt)
/// or, for a heartbeat, reads its last beat; applies the state machine to each target against the batch's state blob
/// (read once, written once); counts the cycle into the target's hour, and when the hour has ended writes it to
/// history first. At-least-once safe: the state records the last cycle applied, so a redelivered cycle returns the
/// stored outcome and changes nothing; a crash before the state write re-flushes the same hours, with the same content.
/// </summary>
public sealed class MonitorBatchActivity(MonitorStateStore store, MonitorHistory history, FleetProber prober, TimeProvider time,
    ILogger<MonitorBatchActivity> logger, Telemetry.LatestProbes? latest = null) : TaskActivity<MonitorBatchInput, BatchCycleOutcome>
{
    public const string Name = nameof(MonitorBatchActivity);

    public override Task<BatchCycleOutcome> RunAsync(TaskActivityContext context, MonitorBatchInput input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable from any host (the Functions trigger has no TaskActivityContext).</summary>
    public async Task<BatchCycleOutcome> ExecuteAsync(MonitorBatchInput input, CancellationToken ct)
    {
        using var span = Probing.Telemetry.FleetOpsTracing.StartBatch("monitor batch", input.Monitor, input.Batch);
        span?.SetTag("fleetops.cycle", input.Cycle);
        var (monitor, inc) = (input.Monitor, input.Incarnation);
        var state = await store.ReadStateAsync(monitor, inc, input.Version, input.Batch, ct).ConfigureAwait(false)
            ?? new MonitorBatchState(input.Version, input.Batch);
        if (state.LastCycle >= input.Cycle)
        {
            logger.LogInformation("Monitor {Monitor} batch {Batch}: cycle {Cycle} already applied, not probing again", monitor, input.Batch, input.Cycle);
            return state.Outcome is { } stored && stored.Cycle == input.Cycle ? stored : Outcome(input, state.Targets.Values, 0, 0);
        }

        var batch = await store.ReadBatchAsync(monitor, inc, input.Version, input.Batch, ct).ConfigureAwait(false);
        var observations = await ObserveAsync(batch, input, ct).ConfigureAwait(false);
        var hourKey = UptimeWindow.HourKey(input.At);
        var flush = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var targets = new Dictionary<string, TargetRecord>(StringComparer.Ordinal);
        var transitions = new List<StateTransition>();
        var thresholds = new Thresholds(input.FailureThreshold, input.SuccessThreshold);
        for (var i = 0; i < batch.Tasks.Count; i++)
        {
            var name = batch.Tasks[i].Target.Name;
            var record = Roll(name, state.Targets.GetValueOrDefault(name) ?? new TargetRecord(), hourKey, flush);
            if (observations[i] is { } observation)
            {
                var (next, transition) = TargetStateMachine.Apply(name, record.State, observation, thresholds, input.Cycle);
                // A new target's first up is no news (no alert, no event).
                if (transition is { Alerting: true }) transitions.Add(transition);
                var tally = record.Hour is { } text ? UptimeCodec.DecodeText(text) : new UptimeTally();
                tally.Record(observation.Ok, input.Maintenance, observation.LatencyMs);
                record = record with { State = next, Hour = UptimeCodec.EncodeText(tally) };
            }
            targets[name] = record;
        }

        // History first: a crash between the two writes repeats the flush (same blobs, same content), never loses an hour.
        await Parallel.ForEachAsync(flush, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (hour, token) =>
            await history.WriteHourAsync(monitor, inc, hour.Key, input.Version, input.Batch, hour.Value, token).ConfigureAwait(false)).ConfigureAwait(false);
        var outcome = Outcome(input, targets.Values, transitions.Count, observations.Count(o => o is not null));
        await store.WriteStateAsync(monitor, inc, state with
        {
            LastCycle = input.Cycle,
            LastCycleAt = input.At,
            Targets = targets,
            Outcome = outcome,
            Transitions = transitions.Count > 0 ? transitions : null,
        }, ct).ConfigureAwait(false);
        if (transitions.Count > 0)
            logger.LogInformation("Monitor {Monitor} batch {Batch} cycle {Cycle}: {Changes}", monitor, input.Batch, input.Cycle,
                string.Join(", ", transitions.Select(t => $"{t.Target} {AlertIds.Name(t.From)}→{AlertIds.Name(t.To)}")));
        return outcome;
    }

    /// <summary>What each target showed this cycle, in batch order; null where there is nothing to judge yet (a heartbeat's first period).</summary>
    private async Task<Observation?[]> ObserveAsync(MonitorBatch batch, MonitorBatchInput input, CancellationToken ct)
    {
        if (input.Heartbeat is { } heartbeat)
        {
            var log = await store.ReadHeartbeatAsync(input.Monitor, input.Incarnation, heartbeat.WaitingSince, ct).ConfigureAwait(false);
            var observation = new Heartbeat(heartbeat.Period, heartbeat.Grace).Observe(log, time.GetUtcNow());
            return [.. batch.Tasks.Select(_ => observation)];
        }
        var results = await prober.ProbeAsync(batch.Tasks, input.Probe, ct).ConfigureAwait(false);
        latest?.Record(input.Monitor, results); // the per-target series on /metrics
        var at = time.GetUtcNow();
        return [.. results.Select(r => Observation.Of(r, at))];
    }

    /// <summary>Moves a target into <paramref name="hourKey"/>: an hour that ended goes to <paramref name="flush"/> and, on the same day, into Today.</summary>
    private static TargetRecord Roll(string name, TargetRecord record, string hourKey, Dictionary<string, Dictionary<string, string>> flush)
    {
        if (record.HourKey is null) return record with { HourKey = hourKey };
        // The same hour, or a clock that stepped back: keep counting into the open hour.
        if (string.CompareOrdinal(hourKey, record.HourKey) <= 0) return record;
        if (record.Hour is { } ended)
        {
            if (!flush.TryGetValue(record.HourKey, out var targets)) flush[record.HourKey] = targets = new(StringComparer.Ordinal);
            targets[name] = ended;
        }
        var sameDay = string.CompareOrdinal(record.HourKey, 0, hourKey, 0, 8) == 0;
        return record with { HourKey = hourKey, Hour = null, Today = sameDay ? UptimeTexts.Sum(record.Today, record.Hour) : null };
    }

    private static BatchCycleOutcome Outcome(MonitorBatchInput input, IEnumerable<TargetRecord> targets, int transitions, int observed) =>
        new(input.Batch, input.Cycle) { Counts = UptimeTexts.Count(targets), Transitions = transitions, Observed = observed };
}

/// <summary>Small helpers over stored tallies and target records.</summary>
internal static class UptimeTexts
{
    /// <summary>Two stored tallies added (either may be absent); null when both are.</summary>
    public static string? Sum(string? a, string? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        var sum = UptimeCodec.DecodeText(a);
        sum.Merge(UptimeCodec.DecodeText(b));
        return UptimeCodec.EncodeText(sum);
    }

    public static MonitorCounts Count(IEnumerable<TargetRecord> targets)
    {
        int up = 0, down = 0, unknown = 0, failing = 0;
        foreach (var t in targets)
        {
            switch (t.State.State)
            {
                case MonitorState.Up: up++; break;
                case MonitorState.Down: down++; break;
                default: unknown++; break;
            }
            if (t.State.Failing) failing++;
        }
        return new MonitorCounts(up, down, unknown, failing);
    }
}
