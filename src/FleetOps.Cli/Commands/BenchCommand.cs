using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Cli.Bench;
using FleetOps.Cli.Local;
using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Targets;
using FleetOps.Host.Benchmarks;
using FleetOps.Simulator;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops bench</c>: for each fleet size, side by side in one run on the simulator, the raw in-process prober
/// (this machine's limit), the durable sweep through the self-host on Azurite, the naive one-activity-per-target
/// design (small sizes only), blackbox_exporter's /probe and curl --parallel; prints targets/s and the ratios to the raw
/// prober and to blackbox_exporter.
/// </summary>
internal static class BenchCommand
{
    /// <summary>What a bench run measures, from the command line.</summary>
    public sealed record Settings(IReadOnlyList<int> Sizes, int NaiveMax, int Concurrency, int RolloutNodes, string? Record, string Root)
    {
        /// <summary>Times the rollout only: no sweep sizes, no blackbox_exporter or curl rows.</summary>
        public bool RolloutOnly { get; init; }
    }

    public static Command Create()
    {
        var sizes = CliOptions.IntList("--sizes", "fleet sizes to measure, comma-separated [default: 1000,10000,100000]", "a fleet size", 1, 1_000_000);
        var naiveMax = CliOptions.Int("--naive-max", "the largest size the naive one-activity-per-target design runs at", 1000, 0, 100_000);
        var concurrency = CliOptions.Int("--concurrency", "probes in flight per batch (the raw prober and curl use 4x)", 64, 1, ProbeOptions.MaxConcurrency);
        var rolloutNodes = CliOptions.Int("--rollout-nodes", "also time a rollout of N instant actions in 10 waves: the overhead per wave beyond its gate (0 skips it)", 1000, 0, 15_000);
        var rolloutOnly = new Option<bool>("--rollout-only") { Description = "time only the rollout (--rollout-nodes): no sweep sizes, blackbox_exporter or curl" };
        var record = new Option<string?>("--record") { Description = "append the tables and the machine's description to this Markdown file", HelpName = "FILE" };
        var repo = DemoCommand.RepoOption();
        var command = new Command("bench", "Run each design over the same simulated HTTP fleet (the raw in-process prober, the durable sweep through the " +
            "self-host on Azurite, the naive activity-per-target design, curl --parallel) and print targets/s and the ratio to the raw prober.")
        {
            sizes, naiveMax, concurrency, rolloutNodes, rolloutOnly, record, repo,
        };
        var monitors = BenchMonitors.AddTo(command);
        ChaosBench.AddTo(command);
        ScaleOutBench.AddTo(command);
        command.SetAction((parse, ct) => parse.GetValue(ScaleOutBench.HostCounts) is { Count: > 0 } hostCounts
            ? ScaleOutBench.RunAsync(hostCounts, (parse.GetValue(sizes) ?? [10_000])[0], parse.GetValue(concurrency), RepoRoot.Find("bench", parse.GetValue(repo)),
                parse.GetValue(record), ct)
            : parse.GetValue(ChaosBench.Trials) is > 0 and var trials
            ? ChaosBench.RunAsync(trials, parse.GetValue(ChaosBench.Hosts), parse.GetValue(ChaosBench.Run)!, parse.GetValue(ChaosBench.StableWorkerIds),
                RepoRoot.Find("bench", parse.GetValue(repo)), parse.GetValue(record), ct)
            : parse.GetValue(monitors.Specs) is { Count: > 0 } specs
            ? BenchMonitors.RunAsync(specs, new MonitorBench.Length(parse.GetValue(monitors.Duration) ?? TimeSpan.FromMinutes(5), parse.GetValue(monitors.Cycles)),
                parse.GetValue(concurrency), parse.GetValue(record), RepoRoot.Find("bench", parse.GetValue(repo)), ct)
            : RunAsync(new Settings(parse.GetValue(sizes) ?? [1000, 10000, 100000], parse.GetValue(naiveMax), parse.GetValue(concurrency),
            parse.GetValue(rolloutNodes), parse.GetValue(record), RepoRoot.Find("bench", parse.GetValue(repo))) { RolloutOnly = parse.GetValue(rolloutOnly) }, ct));
        return command;
    }

    public static async Task<int> RunAsync(Settings settings, CancellationToken ct)
    {
        var (sizes, naiveMax, concurrency, rolloutNodes, record, root) = settings;
        if (settings.RolloutOnly) sizes = [];

        Console.WriteLine($"FleetOps benchmark on {MachineInfo.Describe()}");
        await using var azurite = await LocalAzurite.StartAsync(root, location: null, log: m => Console.WriteLine("  " + m), ct).ConfigureAwait(false);
        await using var host = await BenchHost.StartAsync(azurite.ConnectionString, Path.Combine(root, "host.json"), LoopbackPort.Free(), ct).ConfigureAwait(false);
        var api = FleetOpsApiClient.Create(host.BaseAddress, apiKey: null, TimeSpan.FromMinutes(10));
        using var http = api.Http;
        using var prober = new FleetProber(new TargetPolicy(allow: ["127.0.0.0/8"]));
        var probe = new ProbeOptions { Concurrency = concurrency, TimeoutMs = 5000 };
        var results = new List<BenchResult>();
        await using var blackbox = settings.RolloutOnly ? null : await BlackboxRun.StartAsync(concurrency * 4, ct).ConfigureAwait(false);
        if (!settings.RolloutOnly)
            Console.WriteLine(blackbox is null ? $"  {BlackboxRun.Binary} is not installed: no blackbox_exporter rows (scripts/test.sh installs it)"
                : $"  blackbox_exporter {blackbox.Version} on loopback");

        // Warm-up: JIT, connection pools and the engine's queues, so the first measured size is not penalised.
        await using (var warm = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 50 }, ct).ConfigureAwait(false))
        {
            await prober.ProbeAsync(Tasks(warm), probe, ct).ConfigureAwait(false);
            await DurableAsync(api, warm, concurrency, ct).ConfigureAwait(false);
            if (blackbox is not null) await blackbox.RunAsync(HealthUrls(warm), concurrency * 4, ct).ConfigureAwait(false);
        }

        foreach (var size in sizes)
        {
            Console.WriteLine($"\n{size} targets: starting the simulated fleet...");
            await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = size }, ct).ConfigureAwait(false);
            var tasks = Tasks(fleet);

            var watch = Stopwatch.StartNew();
            var raw = await prober.ProbeAsync(tasks, probe with { Concurrency = concurrency * 4 }, ct).ConfigureAwait(false);
            results.Add(Report(new BenchResult(BenchCommandNames.Raw, size, watch.Elapsed, raw.Count(r => r.Ok), $"one process, concurrency {concurrency * 4}")));

            var durable = Report(await DurableAsync(api, fleet, concurrency, ct).ConfigureAwait(false));
            results.Add(durable with { Notes = durable.Notes + await AfterDurableAsync(api, azurite.ConnectionString, host.ProcessId, durable.RunId!, ct).ConfigureAwait(false) });

            if (size <= naiveMax)
                results.Add(Report(await NaiveAsync(host.Client, tasks, probe, ct).ConfigureAwait(false)));

            // The peers run up to the sizes the issue compares them at; a million URLs through each would add a quarter hour.
            var urls = size <= BenchSweepRequest.InlineMax ? HealthUrls(fleet) : null;
            if (urls is null) Console.WriteLine($"  blackbox_exporter and curl run up to {BenchSweepRequest.InlineMax} targets");
            if (blackbox is not null && urls is not null)
                results.Add(Report(await blackbox.RunAsync(urls, concurrency * 4, ct).ConfigureAwait(false)));

            var curl = urls is null ? null : await CurlRun.RunAsync(urls, concurrency * 4, ct).ConfigureAwait(false);
            if (curl is not null) results.Add(Report(curl));
        }

        RolloutWaveBench.Result? waves = null;
        if (rolloutNodes > 0)
        {
            Console.WriteLine($"\nrollout of {rolloutNodes} nodes with instant actions in 10 waves (after a warm-up rollout of {RolloutWaveBench.WarmUpNodes})...");
            // Warm-up: the rollout's code (JIT) and its activities' clients, so wave 1 is not timed as the process's first rollout.
            await RolloutWaveBench.RunAsync(api, RolloutWaveBench.WarmUpNodes, ct).ConfigureAwait(false);
            waves = await RolloutWaveBench.RunAsync(api, rolloutNodes, ct).ConfigureAwait(false);
        }

        var peak = MachineInfo.PeakRssMiB(host.ProcessId);
        Console.WriteLine();
        if (results.Count > 0) Console.WriteLine(BenchTable.Console(results));
        Console.WriteLine($"self-host peak RSS: {peak:0} MiB (VmHWM)");
        if (waves is not null) Console.WriteLine($"\n{WavesSummary(waves)}\n{waves.Table}");
        if (record is not null) await RecordAsync(record, results, peak, sizes, waves, ct).ConfigureAwait(false);
        return 0;
    }

    private static BenchResult Report(BenchResult r)
    {
        Console.WriteLine($"  {r.Design}: {r.Elapsed.TotalSeconds:0.00} s, {r.TargetsPerSecond:0} targets/s, {r.Ok} ok");
        return r;
    }

    /// <summary>
    /// After a durable sweep: its report read whole as a client would save it, then the host's peak RSS (a report that
    /// streams leaves it where the sweep left it) and the largest orchestration history in the hub, as notes.
    /// </summary>
    private static async Task<string> AfterDurableAsync(FleetOpsApiClient api, string storage, int hostPid, string runId, CancellationToken ct)
    {
        var (bytes, elapsed) = await ReportStream.DrainAsync(api, runId, ct).ConfigureAwait(false);
        var (instance, history) = await HistorySizes.LargestAsync(storage, BenchHost.HubName, ct).ConfigureAwait(false);
        var notes = $"; JSON report {bytes / 1048576.0:0.0} MiB read in {elapsed.TotalSeconds:0.0} s; host peak RSS after it " +
            $"{MachineInfo.PeakRssMiB(hostPid):0} MiB; largest orchestration history in the hub {history / 1024.0:0} KiB ({instance})";
        Console.WriteLine("  " + notes[2..]);
        return notes;
    }

    /// <summary>Each node's health URL, as blackbox_exporter and curl are given them.</summary>
    private static List<string> HealthUrls(SimulatedFleet fleet) => [.. fleet.Nodes.Select(n => $"http://{n.Address}/health")];

    private static List<ProbeTask> Tasks(SimulatedFleet fleet) =>
        fleet.Nodes.Select(n => new ProbeTask(new Target(n.Name, n.Address), [new HttpCheck { Path = "/health" }])).ToList();

    internal static async Task<BenchResult> DurableAsync(FleetOpsApiClient api, SimulatedFleet fleet, int concurrency, CancellationToken ct)
    {
        var request = await BenchSweepRequest.CreateAsync(api, fleet, concurrency, ct).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var accepted = await api.StartSweepAsync(request.ToJsonString(), ct).ConfigureAwait(false);
        var id = accepted["id"]!.GetValue<string>();
        var phases = new SweepPhases.Observer(watch.Elapsed);
        while (true)
        {
            var run = (await api.GetRunAsync(id, ct).ConfigureAwait(false))!;
            var status = run["runtimeStatus"]!.GetValue<string>();
            var progress = run["progress"];
            phases.Observe(watch.Elapsed, status, progress?["phase"]?.GetValue<string>(),
                progress?["batchesDone"]?.GetValue<int>() ?? 0, progress?["batchesTotal"]?.GetValue<int>() ?? 0);
            if (phases.Done)
            {
                watch.Stop();
                if (status != "Completed") throw new InvalidOperationException($"bench sweep {id} ended {status}: {run["failure"]}");
                var batches = accepted["batches"]!.GetValue<int>();
                var chunks = progress?["chunksTotal"]?.GetValue<int>() ?? 0;
                return new BenchResult(BenchCommandNames.Durable, fleet.Nodes.Count, watch.Elapsed, run["summary"]!["ok"]!.GetValue<int>(),
                    $"{batches} batch activities{(chunks > 0 ? $" in {chunks} chunks" : "")}, POST to Completed: {phases.Phases()}") { RunId = id };
            }
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>How often the durable run is polled: the phases' resolution, at a cost of one GET each.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private static async Task<BenchResult> NaiveAsync(DurableTaskClient client, List<ProbeTask> tasks, ProbeOptions probe, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(NaiveSweepOrchestrator.Name), new NaiveSweepInput(tasks, probe), ct).ConfigureAwait(false);
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct).ConfigureAwait(false);
        watch.Stop();
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed) throw new InvalidOperationException($"naive sweep ended {done.RuntimeStatus}");
        return new BenchResult(BenchCommandNames.Naive, tasks.Count, watch.Elapsed, done.ReadOutputAs<int>(), $"{tasks.Count} activities");
    }

    private static string WavesSummary(RolloutWaveBench.Result w) =>
        $"rollout of {w.Nodes} nodes, {w.Waves} waves, {w.Total.TotalSeconds:0.0} s: overhead per wave beyond the gate " +
        $"{w.MeanOverheadMs:0} ms mean, {w.MaxOverheadMs:0} ms max (gate {w.MeanGateMs:0} ms mean)";

    private static async Task RecordAsync(string path, IReadOnlyList<BenchResult> results, double? peakRss, IReadOnlyList<int> sizes, RolloutWaveBench.Result? waves, CancellationToken ct)
    {
        var sb = new StringBuilder();
        var what = sizes.Count > 0 ? $"sizes {string.Join(", ", sizes)}" : $"rollout of {waves?.Nodes} nodes";
        sb.AppendLine(CultureInfo.InvariantCulture, $"## {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC — {what}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineInfo.Describe()}. Azurite (in memory) on the same machine.");
        sb.AppendLine();
        if (results.Count > 0)
        {
            sb.Append(BenchTable.Markdown(results));
            sb.AppendLine();
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"Self-host peak RSS over the whole run: {peakRss:0} MiB (VmHWM).");
        sb.AppendLine();
        if (waves is not null)
        {
            sb.AppendLine(WavesSummary(waves) + ":");
            sb.AppendLine();
            sb.AppendLine("```");
            sb.Append(waves.Table);
            sb.AppendLine("```");
            sb.AppendLine();
        }
        await File.AppendAllTextAsync(path, sb.ToString(), ct).ConfigureAwait(false);
        Console.WriteLine($"recorded in {Path.GetFullPath(path)}");
    }

}
