using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using FleetOps.Api.Client;
using FleetOps.Cli.Bench;
using FleetOps.Cli.Local;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Storage;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops bench --monitors 10000@30s [--duration 5m | --cycles 10]</c>: monitors instead of sweeps. Each spec runs
/// one monitor over its own simulated fleet through the self-host on Azurite (see <see cref="MonitorBench"/>), then
/// the monitor table is printed (and appended to <c>--record</c>).
/// </summary>
internal sealed class BenchMonitors
{
    public required Option<IReadOnlyList<MonitorBenchSpec>?> Specs { get; init; }
    public required Option<TimeSpan?> Duration { get; init; }
    public required Option<int?> Cycles { get; init; }

    /// <summary>Adds the monitor options to <paramref name="bench"/>.</summary>
    public static BenchMonitors AddTo(Command bench)
    {
        var options = new BenchMonitors
        {
            Specs = new("--monitors")
            {
                Description = "benchmark monitors instead of sweeps: TARGETS@INTERVAL, comma-separated (e.g. 10000@30s,100000@60s)",
                HelpName = "N@INTERVAL,...",
                CustomParser = ParseSpecs,
            },
            Duration = new("--duration")
            {
                Description = "with --monitors: measure each monitor this long (whole cycles; e.g. 5m) [default: 5m]",
                HelpName = "DURATION",
                CustomParser = r => MonitorBenchMath.ParseDuration(r.Tokens[^1].Value) is { } d ? d : Error<TimeSpan?>(r, $"--duration '{r.Tokens[^1].Value}' is not a duration such as 90s, 5m or 1h"),
            },
            Cycles = CliOptions.OptionalInt("--cycles", "with --monitors: measure each monitor over this many cycles (instead of --duration)", 1, 1000),
        };
        bench.Options.Add(options.Specs);
        bench.Options.Add(options.Duration);
        bench.Options.Add(options.Cycles);
        bench.Validators.Add(r =>
        {
            if (r.GetResult(options.Specs) is null && (r.GetResult(options.Duration) is not null || r.GetResult(options.Cycles) is not null))
                r.AddError("--duration and --cycles go with --monitors");
            else if (r.GetResult(options.Duration) is not null && r.GetResult(options.Cycles) is not null)
                r.AddError("--duration and --cycles: give one of them");
        });
        return options;
    }

    private static T? Error<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }

    private static IReadOnlyList<MonitorBenchSpec>? ParseSpecs(ArgumentResult result)
    {
        var specs = new List<MonitorBenchSpec>();
        foreach (var part in result.Tokens[^1].Value.Split(','))
        {
            var (spec, error) = MonitorBenchMath.ParseSpec(part);
            if (spec is null) return Error<IReadOnlyList<MonitorBenchSpec>>(result, $"--monitors: {error}");
            specs.Add(spec);
        }
        return specs;
    }

    public static async Task<int> RunAsync(IReadOnlyList<MonitorBenchSpec> specs, MonitorBench.Length length, int concurrency, string? record, string root, CancellationToken ct)
    {
        var machine = MachineInfo.Describe();
        Console.WriteLine($"FleetOps monitor benchmark on {machine}");
        await using var azurite = await LocalAzurite.StartAsync(root, location: null, log: m => Console.WriteLine("  " + m), ct).ConfigureAwait(false);
        await using var host = await BenchHost.StartAsync(azurite.ConnectionString, Path.Combine(root, "host.json"), LoopbackPort.Free(), ct).ConfigureAwait(false);
        var api = FleetOpsApiClient.Create(host.BaseAddress, apiKey: null, TimeSpan.FromMinutes(2));
        using var http = api.Http;
        var storage = StorageClients.FromOptions(new StorageOptions { ConnectionString = azurite.ConnectionString });
        var stack = new MonitorBench.Stack(api, host.Client, host.BaseAddress, host.ProcessId, azurite.ProcessId, storage, concurrency);
        var results = new List<MonitorBench.Result>();
        foreach (var spec in specs)
        {
            MonitorBench.Result result;
            try
            {
                result = await MonitorBench.RunAsync(spec, length, stack, m => Console.WriteLine("  " + m), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // A run that breaks is reported as a row with its reason; the next spec still runs.
                var cause = e is AggregateException { InnerExceptions: [var first, ..] } ? first : e;
                result = new MonitorBench.Result(spec) { Problem = $"{cause.GetType().Name}: {cause.Message.Split('\n')[0]}" };
            }
            results.Add(result);
            Console.WriteLine("  " + MonitorBench.Line(result) + (result.Problem is { } p ? $" ({p})" : ""));
        }
        var peak = MachineInfo.PeakRssMiB(host.ProcessId);
        Console.WriteLine();
        Console.WriteLine(MonitorBenchTable.Console(results));
        foreach (var note in Notes(results)) Console.WriteLine(note);
        Console.WriteLine($"self-host peak RSS: {peak:0} MiB (VmHWM)");
        if (record is not null)
        {
            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"### {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC — monitors {string.Join(", ", specs)}");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}. Azurite (in memory) on the same machine. Self-host peak RSS {peak:0} MiB.");
            sb.AppendLine();
            sb.Append(MonitorBenchTable.Markdown(results));
            sb.AppendLine();
            foreach (var note in Notes(results)) sb.AppendLine("- " + note);
            sb.AppendLine();
            await File.AppendAllTextAsync(record, sb.ToString(), ct).ConfigureAwait(false);
            Console.WriteLine($"recorded in {Path.GetFullPath(record)}");
        }
        return results.Any(r => r.Cycles == 0) ? 1 : 0;
    }

    private static IEnumerable<string> Notes(IReadOnlyList<MonitorBench.Result> results)
    {
        foreach (var r in results)
        {
            var problem = r.Problem is { } p ? $"; problem: {p}" : "";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{r.Spec}: storage requests per cycle by service/client: {MonitorBenchTable.RequestsBreakdown(r)}; down {r.Down}, failing {r.Failing}, failed batches {r.FailedBatches}, poll errors {r.PollErrors}{problem}");
            if (r.Lateness.Count > 0)
                yield return string.Create(CultureInfo.InvariantCulture, $"{r.Spec}: lateness by cycle (s): {string.Join(" ", r.Lateness.Select(l => l.ToString("0.00", CultureInfo.InvariantCulture)))}");
            if (r.History is { } h)
                yield return $"{r.Spec}: {MonitorHistoryBench.Describe(h)}" +
                    (h.UptimeQueryMs.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"; GET uptime?window=30d x{h.UptimeQueryMs.Count}: {string.Join(", ", h.UptimeQueryMs.Select(ms => ms.ToString("0", CultureInfo.InvariantCulture)))} ms (budget 1000), overall {h.UptimeOverall}") : "");
        }
    }
}
