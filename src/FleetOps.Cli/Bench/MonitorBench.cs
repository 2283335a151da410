using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Simulator;
using FleetOps.Workflows.Monitors;
using FleetOps.Workflows.Storage;
using Microsoft.DurableTask.Client;

namespace FleetOps.Cli.Bench;

/// <summary>
/// One monitor over a simulated fleet, through the self-host: defines it with <c>PUT /api/monitors/{name}</c>, lets its
/// first cycle pass (the layout cut, warm-up), then measures over whole cycles: each cycle's start lateness (the
/// monitor's custom status, which <c>GET /api/monitors/{name}</c> shows as <c>runtime.latenessSeconds</c> and which holds
/// the last cycle's until the next starts; read through the engine's client, since the GET also returns the definition,
/// megabytes at 100,000 targets, and polling that would load the host being measured), host and Azurite
/// CPU, and the storage requests the host sent (its <c>fleetops_storage_requests_total</c> on /metrics). Probe failures
/// are counted, never fatal.
/// </summary>
public static class MonitorBench
{
    /// <summary>How long a run goes: a duration (ended at the first cycle that finishes after it) or a number of cycles.</summary>
    public sealed record Length(TimeSpan? Duration, int? Cycles);

    /// <summary>The processes whose CPU is measured, and where the host's /metrics is.</summary>
    public sealed record Stack(FleetOpsApiClient Api, DurableTaskClient Engine, Uri HostAddress, int HostPid, int AzuritePid, StorageClients Storage, int Concurrency);

    public sealed record Result(MonitorBenchSpec Spec)
    {
        public IReadOnlyList<double> Lateness { get; init; } = [];
        public TimeSpan Span { get; init; }
        public double HostCpuPercent { get; init; }
        public double AzuriteCpuPercent { get; init; }
        public IReadOnlyDictionary<(string Service, string Client), double> Requests { get; init; } = new Dictionary<(string, string), double>();
        public int Failing { get; init; }
        public int Down { get; init; }
        public int FailedBatches { get; init; }
        public int PollErrors { get; init; }

        /// <summary>Start to end of the cycles whose end the bench saw (back-to-back cycles show none).</summary>
        public IReadOnlyList<double> CycleSeconds { get; init; } = [];

        /// <summary>Cycles the engine recorded late (over its 2 s tolerance), and due times it skipped because a cycle overran.</summary>
        public long LateCycles { get; init; }
        public long SkippedCycles { get; init; }
        public string? Problem { get; init; }
        public MonitorHistoryBench.Figures? History { get; init; }

        public int Cycles => Lateness.Count;
        public double RequestsPerCycle => Cycles == 0 ? 0 : Requests.Values.Sum() / Cycles;
        public double RequestsPerTargetPerMonth => MonitorBenchMath.PerTargetPerMonth(RequestsPerCycle, Spec.Targets, Spec.Interval);
    }

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static async Task<Result> RunAsync(MonitorBenchSpec spec, Length length, Stack stack, Action<string> log, CancellationToken ct)
    {
        log($"{spec}: starting {spec.Targets} simulated nodes...");
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = spec.Targets }, ct).ConfigureAwait(false);
        var name = $"bench-{spec.Targets}-{(int)spec.Interval.TotalSeconds}s";
        var definition = new JsonObject
        {
            ["targets"] = JsonNode.Parse(fleet.ToTargetsJson()),
            ["checks"] = new JsonArray(new JsonObject { ["kind"] = "http", ["path"] = "/health" }),
            ["interval"] = $"{(int)spec.Interval.TotalSeconds}s",
            ["options"] = new JsonObject { ["concurrency"] = stack.Concurrency, ["timeoutMs"] = 5000 },
        };
        await stack.Api.PutMonitorAsync(name, definition.ToJsonString(), ct).ConfigureAwait(false);
        log($"{spec}: monitor '{name}' defined; waiting for its first cycle to finish (layout cut, warm-up)");
        try
        {
            var result = await MeasureAsync(spec, name, length, stack, log, ct).ConfigureAwait(false);
            await stack.Api.SetMonitorPausedAsync(name, paused: true, ct).ConfigureAwait(false);
            if (result.Cycles == 0) return result;
            log(Line(result));
            var days = spec.Targets <= 10_000 ? 30 : 1;
            log($"{spec}: monitor paused; writing {days} day(s) of history for {spec.Targets} targets...");
            try
            {
                var history = await MonitorHistoryBench.RunAsync(stack.Storage, stack.Api, name, spec.Interval, days, log, ct).ConfigureAwait(false);
                log($"{spec}: {MonitorHistoryBench.Describe(history)}");
                return result with { History = history };
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The cycles measured stand; the history figures are missing, with the reason.
                var cause = e is AggregateException { InnerExceptions: [var first, ..] } ? first : e;
                return result with { Problem = $"history: {cause.GetType().Name}: {cause.Message.Split('\n')[0]}" };
            }
        }
        finally
        {
            await stack.Api.DeleteMonitorAsync(name, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private sealed record Snapshot(TimeSpan Wall, TimeSpan Host, TimeSpan Azurite, Dictionary<(string Service, string Client), double> Requests);

    private static async Task<Result> MeasureAsync(MonitorBenchSpec spec, string name, Length length, Stack stack, Action<string> log, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var warmUpLimit = TimeSpan.FromMinutes(15) + spec.Interval;
        var limit = warmUpLimit + 3 * (length.Duration ?? spec.Interval * (length.Cycles ?? 1));
        var lateness = new SortedDictionary<long, double>();
        var durations = new SortedDictionary<long, double>();
        long? baseCycle = null;
        var (late0, skipped0) = (0L, 0L);
        Snapshot? start = null;
        var pollErrors = 0;
        MonitorStatus? last = null;
        while (true)
        {
            await Task.Delay(Poll, ct).ConfigureAwait(false);
            try
            {
                var instance = await stack.Engine.GetInstanceAsync(MonitorIds.InstanceId(name), getInputsAndOutputs: true, ct).ConfigureAwait(false);
                last = instance?.SerializedCustomStatus is null ? last : instance.ReadCustomStatusAs<MonitorStatus>();
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // A loaded Azurite can time out a read: counted, and the next poll tries again.
                pollErrors++;
                log($"{spec}: status read failed ({e.GetType().Name}: {e.Message.Split('\n')[0]})");
                continue;
            }
            var cycle = last?.Cycle ?? 0;
            var probing = last?.Phase == MonitorStatus.Probing;
            // The cycle last finished: the status' own once it left probing, else the one before it.
            var finished = probing ? lateness.Keys.Where(c => c < cycle).DefaultIfEmpty(0).Max() : cycle;
            if (cycle > 0 && (baseCycle is null || cycle > baseCycle) && last?.LatenessSeconds is { } late && lateness.TryAdd(cycle, late) && baseCycle is not null)
                log(string.Create(CultureInfo.InvariantCulture, $"{spec}: cycle {lateness.Count} started {late:0.000} s late ({last.Counts?.Failing ?? 0} failing after the last)"));
            // Once a cycle left probing, the status' phase began when it ended (or just after, once the next prepared).
            if (!probing && last is { CycleAt: { } at, PhaseSince: { } since } && lateness.ContainsKey(cycle))
                durations.TryAdd(cycle, (since - at).TotalSeconds);

            if (baseCycle is null)
            {
                if (finished > 0)
                {
                    (baseCycle, start) = (finished, await SnapshotAsync(stack, clock, ct).ConfigureAwait(false));
                    (late0, skipped0) = (last?.LateCycles ?? 0, last?.SkippedCycles ?? 0);
                    lateness.Clear();
                    log($"{spec}: first cycle done after {clock.Elapsed.TotalSeconds:0} s; measuring");
                }
                else if (clock.Elapsed > warmUpLimit)
                    return Failed(spec, $"no cycle finished within {warmUpLimit.TotalMinutes:0} min", pollErrors);
                continue;
            }

            var done = lateness.Keys.Count(c => c <= finished);
            var enough = length.Cycles is { } n ? done >= n : done > 0 && clock.Elapsed - start!.Wall >= length.Duration;
            if (!enough && clock.Elapsed < limit) continue;
            var end = await SnapshotAsync(stack, clock, ct).ConfigureAwait(false);
            var measured = lateness.Where(l => l.Key <= finished).Select(l => l.Value).ToList();
            var counts = last?.Counts;
            log($"{spec}: {measured.Count} cycles measured over {(end.Wall - start!.Wall).TotalSeconds:0} s" + (enough ? "" : " (stopped at the time limit)"));
            return new Result(spec)
            {
                Lateness = measured,
                Span = end.Wall - start.Wall,
                HostCpuPercent = MonitorBenchMath.CpuPercent(end.Host - start.Host, end.Wall - start.Wall),
                AzuriteCpuPercent = MonitorBenchMath.CpuPercent(end.Azurite - start.Azurite, end.Wall - start.Wall),
                Requests = MonitorBenchMath.Delta(start.Requests, end.Requests),
                Failing = counts?.Failing ?? 0,
                Down = counts?.Down ?? 0,
                FailedBatches = last?.FailedBatches ?? 0,
                PollErrors = pollErrors,
                CycleSeconds = [.. durations.Where(d => d.Key <= finished).Select(d => d.Value)],
                LateCycles = (last?.LateCycles ?? 0) - late0,
                SkippedCycles = (last?.SkippedCycles ?? 0) - skipped0,
                Problem = enough ? last?.Problem : $"stopped at the time limit ({limit.TotalMinutes:0} min) after {measured.Count} cycles",
            };
        }
    }

    private static Result Failed(MonitorBenchSpec spec, string problem, int pollErrors) => new(spec) { Problem = problem, PollErrors = pollErrors };

    private static async Task<Snapshot> SnapshotAsync(Stack stack, Stopwatch clock, CancellationToken ct)
    {
        var metrics = await stack.Api.Http.GetStringAsync(new Uri(stack.HostAddress, "/metrics"), ct).ConfigureAwait(false);
        return new Snapshot(clock.Elapsed, ProcessCpu.Of(stack.HostPid) ?? TimeSpan.Zero, ProcessCpu.Of(stack.AzuritePid) ?? TimeSpan.Zero,
            MonitorBenchMath.StorageRequests(metrics));
    }

    public static string Line(Result r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Spec}: {r.Cycles} cycles, lateness p50 {MonitorBenchMath.Percentile(r.Lateness, 50):0.000} s p99 {MonitorBenchMath.Percentile(r.Lateness, 99):0.000} s, " +
        $"host CPU {r.HostCpuPercent:0} %, Azurite CPU {r.AzuriteCpuPercent:0} %, {r.RequestsPerCycle:0} storage requests per cycle");
}
