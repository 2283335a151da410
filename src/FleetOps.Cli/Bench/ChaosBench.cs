using System.CommandLine;
using System.Globalization;
using System.Text;
using FleetOps.Cli.Commands;
using FleetOps.Cli.Local;
using FleetOps.Host.Engine;
using FleetOps.Workflows.Hosting;

namespace FleetOps.Cli.Bench;

/// <summary>
/// <c>fleetops bench --chaos N</c>: N kill -9 trials (<see cref="ChaosTrial"/>) on one Azurite, then recovery p50/p99
/// from the restart and from the kill, the partition takeover, and missing or duplicate results (each must be 0).
/// </summary>
internal static class ChaosBench
{
    public static readonly Option<int> Trials = CliOptions.Int("--chaos", "instead of throughput, run N kill -9 trials in the middle of a run and time the recovery (0 = off)", 0, 0, 1000);
    public static readonly Option<int> Hosts = CliOptions.Int("--chaos-hosts", "1: kill the only host and restart it; 2: kill one of two, the survivor finishes", 1, 1, 2);
    public static readonly Option<string> Run = new Option<string>("--chaos-run")
    {
        Description = "what is killed in the middle of: a sweep or a rollout wave (sweep, rollout)",
        HelpName = "RUN",
        DefaultValueFactory = _ => ChaosRuns.Sweep,
    }.AcceptOnlyFromAmong(ChaosRuns.Sweep, ChaosRuns.Rollout);

    public static readonly Option<bool> StableWorkerIds = new("--chaos-stable-ids")
    {
        Description = "give each host a worker id that survives its restart (FleetOps__Engine__WorkerId) instead of the default machine-pid",
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(Trials);
        command.Options.Add(Hosts);
        command.Options.Add(Run);
        command.Options.Add(StableWorkerIds);
    }

    public static async Task<int> RunAsync(int trials, int hosts, string run, bool stableWorkerIds, string root, string? record, CancellationToken ct)
    {
        var hostJson = Path.Combine(root, "host.json");
        Console.WriteLine($"FleetOps crash recovery on {MachineInfo.Describe()}");
        Console.WriteLine($"  {Settings(hostJson, stableWorkerIds)}");
        await using var azurite = await LocalAzurite.StartAsync(root, location: null, log: m => Console.WriteLine("  " + m), ct).ConfigureAwait(false);
        var trial = new ChaosTrial(azurite.ConnectionString, hostJson, stableWorkerIds, Console.WriteLine);

        var baseline = await trial.BaselineAsync(run, ct).ConfigureAwait(false);
        Console.WriteLine($"  undisturbed {run}: {baseline:0.0} s from POST to Completed");
        var outcomes = new List<ChaosTrial.Outcome>();
        for (var i = 1; i <= trials; i++)
        {
            var o = await trial.RunAsync(i, run, hosts, ct).ConfigureAwait(false);
            outcomes.Add(o);
            Console.WriteLine(o.Error is { } error
                ? $"  trial {i}: FAILED: {error}"
                : $"  trial {i}: killed at {o.AtKill}; done {(o.FromRestart is null ? "" : $"{Seconds(o.FromRestart)} s after the restart, ")}{Seconds(o.FromKill)} s after the kill; " +
                  $"partitions taken over {Seconds(o.Takeover)} s after the kill; missing {o.Missing}, duplicates {o.Duplicates}, redone {o.Redone}");
        }

        var summary = Summary(outcomes, hosts);
        Console.WriteLine();
        Console.WriteLine(Table(outcomes));
        Console.WriteLine(summary);
        if (record is not null)
            await RecordAsync(record, trials, hosts, run, stableWorkerIds, hostJson, baseline, outcomes, summary, ct).ConfigureAwait(false);
        var failed = outcomes.Any(o => o.Error is not null || o.Missing > 0 || o.Duplicates > 0);
        return failed ? 1 : 0;
    }

    /// <summary>The engine settings the trials ran with: host.json's visibility timeouts and the self-host's lease defaults.</summary>
    private static string Settings(string hostJson, bool stableWorkerIds)
    {
        var engine = HostJson.Load(hostJson).Engine;
        var leases = new EngineOverrides();
        return $"control queue visibility {engine.ControlQueueVisibilityTimeout.TotalSeconds:0} s, work-item visibility {engine.WorkItemQueueVisibilityTimeout.TotalSeconds:0} s, " +
               $"lease {leases.LeaseInterval.TotalSeconds:0} s acquired/renewed every {leases.LeaseAcquireInterval.TotalSeconds:0} s, " +
               $"{engine.PartitionCount} partitions, worker id {(stableWorkerIds ? "stable per host (machine-port)" : "machine-pid (the default)")}";
    }

    public static string Summary(IReadOnlyList<ChaosTrial.Outcome> outcomes, int hosts)
    {
        var good = outcomes.Where(o => o.Error is null).ToList();
        string P(Func<ChaosTrial.Outcome, double?> pick)
        {
            var values = good.Select(pick).OfType<double>().ToList();
            return values.Count == 0 ? "n/a" : $"p50 {ChaosStats.Percentile(values, 50):0.0} s, p99 {ChaosStats.Percentile(values, 99):0.0} s";
        }
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{outcomes.Count} trials, {outcomes.Count - good.Count} failed; missing results {good.Sum(o => o.Missing)}, duplicates {good.Sum(o => o.Duplicates)}; " +
            $"work redone at the fleet (probes or action deliveries beyond one per target) {good.Sum(o => o.Redone)}");
        if (hosts == 1) sb.AppendLine(CultureInfo.InvariantCulture, $"restart → run completed: {P(o => o.FromRestart)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"kill → run completed: {P(o => o.FromKill)}");
        sb.Append(CultureInfo.InvariantCulture, $"kill → every partition owned by the {(hosts == 1 ? "restarted host" : "survivor")}: {P(o => o.Takeover)}");
        return sb.ToString();
    }

    public static string Table(IReadOnlyList<ChaosTrial.Outcome> outcomes) => TextTable.Format(
        ["trial", "at kill", "restart→done s", "kill→done s", "takeover s", "missing", "duplicates", "redone", "error"],
        outcomes.Select(o => new[]
        {
            o.Number.ToString(CultureInfo.InvariantCulture), o.AtKill, Seconds(o.FromRestart), Seconds(o.FromKill), Seconds(o.Takeover),
            o.Missing.ToString(CultureInfo.InvariantCulture), o.Duplicates.ToString(CultureInfo.InvariantCulture),
            o.Redone.ToString(CultureInfo.InvariantCulture), o.Error ?? "",
        }).ToList());

    private static string Seconds(double? s) => s is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "";

    private static async Task RecordAsync(string path, int trials, int hosts, string run, bool stableWorkerIds, string hostJson, double baseline,
        IReadOnlyList<ChaosTrial.Outcome> outcomes, string summary, CancellationToken ct)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"### {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC — {trials} kill -9 trials of a {run}, {(hosts == 1 ? "the only host restarted" : "one of two hosts killed")}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"`fleetops bench --chaos {trials} --chaos-hosts {hosts} --chaos-run {run}{(stableWorkerIds ? " --chaos-stable-ids" : "")}` on {MachineInfo.Describe()}; Azurite (in memory) on the same machine.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Settings: {Settings(hostJson, stableWorkerIds)}. The same {run} undisturbed: {baseline:0.0} s.");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.Append(Table(outcomes));
        sb.AppendLine(summary);
        sb.AppendLine("```");
        sb.AppendLine();
        await File.AppendAllTextAsync(path, sb.ToString(), ct).ConfigureAwait(false);
        Console.WriteLine($"recorded in {Path.GetFullPath(path)}");
    }
}
