using System.CommandLine;
using System.Globalization;
using System.Text;
using FleetOps.Api.Client;
using FleetOps.Cli.Commands;
using FleetOps.Cli.Local;
using FleetOps.Simulator;

namespace FleetOps.Cli.Bench;

/// <summary>
/// <c>fleetops bench --scale-out 1,2,3</c>: the same durable sweep with 1, 2, 3... self-host processes sharing one task
/// hub on one Azurite (the engine spreads partitions and activities over them), side by side in one run: targets/s,
/// and what each 1,000 targets cost: CPU-seconds of the hosts and of Azurite, storage requests, activities.
/// </summary>
internal static class ScaleOutBench
{
    public static readonly Option<IReadOnlyList<int>?> HostCounts = CliOptions.IntList("--scale-out",
        "instead of the designs, sweep with each number of self-host processes on one task hub (e.g. 1,2,3)", "a number of hosts", 1, 8);

    public static void AddTo(Command command) => command.Options.Add(HostCounts);

    /// <summary>One host count's sweep: its time, and the CPU and storage requests it cost, per 1,000 targets.</summary>
    public sealed record Row(int Hosts, BenchResult Sweep, double HostCpuSeconds, IReadOnlyList<double> CpuByHost, double AzuriteCpuSeconds, double StorageRequests)
    {
        public double Per1k(double total) => total / Sweep.Targets * 1000;
    }

    public static async Task<int> RunAsync(IReadOnlyList<int> hostCounts, int size, int concurrency, string root, string? record, CancellationToken ct)
    {
        var machine = MachineInfo.Describe();
        Console.WriteLine($"FleetOps scale-out on {machine}");
        await using var azurite = await LocalAzurite.StartAsync(root, location: null, log: m => Console.WriteLine("  " + m), ct).ConfigureAwait(false);
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = size }, ct).ConfigureAwait(false);
        await using var warm = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 100 }, ct).ConfigureAwait(false);
        var rows = new List<Row>();
        foreach (var count in hostCounts)
        {
            Console.WriteLine($"\n{count} host(s), {size} targets...");
            rows.Add(await MeasureAsync(azurite, root, count, fleet, warm, concurrency, ct).ConfigureAwait(false));
            Console.WriteLine($"  {rows[^1].Sweep.Elapsed.TotalSeconds:0.00} s, {rows[^1].Sweep.TargetsPerSecond:0} targets/s; {rows[^1].Sweep.Notes}");
        }
        var table = Table(rows);
        Console.WriteLine();
        Console.WriteLine(table);
        if (record is not null)
        {
            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"### {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC — scale-out {string.Join(", ", hostCounts)} hosts, {size} targets");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}. Azurite (in memory) on the same machine.");
            sb.AppendLine();
            sb.AppendLine("```");
            sb.Append(table);
            sb.AppendLine("```");
            sb.AppendLine();
            await File.AppendAllTextAsync(record, sb.ToString(), ct).ConfigureAwait(false);
            Console.WriteLine($"recorded in {Path.GetFullPath(record)}");
        }
        return 0;
    }

    private static async Task<Row> MeasureAsync(LocalAzurite azurite, string root, int count, SimulatedFleet fleet, SimulatedFleet warm, int concurrency, CancellationToken ct)
    {
        // A task hub of its own, so no partition or queue of an earlier count is left to these hosts.
        var environment = new Dictionary<string, string> { ["FleetOps__Engine__HubName"] = $"Scale{count}x{Guid.NewGuid():N}"[..20] };
        var hosts = new List<BenchHost>();
        try
        {
            for (var i = 0; i < count; i++)
                hosts.Add(await BenchHost.StartAsync(azurite.ConnectionString, Path.Combine(root, "host.json"), LoopbackPort.Free(), ct, environment).ConfigureAwait(false));
            await BalancedAsync(azurite.ConnectionString, environment["FleetOps__Engine__HubName"], count, ct).ConfigureAwait(false);
            var api = FleetOpsApiClient.Create(hosts[0].BaseAddress, apiKey: null, TimeSpan.FromMinutes(10));
            using var http = api.Http;
            // Every host takes its partitions and JITs its probe path before the measured sweep.
            await BenchCommand.DurableAsync(api, warm, concurrency, ct).ConfigureAwait(false);

            var cpuBefore = hosts.Select(h => ProcessCpu.Of(h.ProcessId) ?? TimeSpan.Zero).ToList();
            var azuriteBefore = ProcessCpu.Of(azurite.ProcessId) ?? TimeSpan.Zero;
            var requestsBefore = await StorageRequestsAsync(http, hosts, ct).ConfigureAwait(false);
            var sweep = await BenchCommand.DurableAsync(api, fleet, concurrency, ct).ConfigureAwait(false);
            var cpu = hosts.Select((h, i) => ((ProcessCpu.Of(h.ProcessId) ?? TimeSpan.Zero) - cpuBefore[i]).TotalSeconds).ToList();
            var azuriteCpu = ((ProcessCpu.Of(azurite.ProcessId) ?? TimeSpan.Zero) - azuriteBefore).TotalSeconds;
            var requests = await StorageRequestsAsync(http, hosts, ct).ConfigureAwait(false) - requestsBefore;
            return new Row(count, sweep with { Design = $"durable sweep, {count} host(s)" }, cpu.Sum(), cpu, azuriteCpu, requests);
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits (up to a minute) until the partitions are spread over the hosts (as many distinct lease owners as hosts,
    /// at most the partition count) and stay so a few seconds: hosts that are still trading leases would time the
    /// rebalancing, not the sweep.
    /// </summary>
    private static async Task BalancedAsync(string connectionString, string hub, int count, CancellationToken ct)
    {
        var steady = 0;
        for (var deadline = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < deadline && steady < 3;)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            List<string?> owners;
            try
            {
                owners = await PartitionOwners.ReadAsync(connectionString, hub, ct).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException)
            {
                continue; // the table is created by the first host's engine
            }
            var distinct = owners.Where(o => !string.IsNullOrEmpty(o)).Distinct().Count();
            steady = owners.Count > 0 && owners.All(o => !string.IsNullOrEmpty(o)) && distinct == Math.Min(count, owners.Count) ? steady + 1 : 0;
        }
    }

    /// <summary>Every host's storage requests so far (our clients and the engine's), summed.</summary>
    private static async Task<double> StorageRequestsAsync(HttpClient http, IReadOnlyList<BenchHost> hosts, CancellationToken ct)
    {
        var total = 0.0;
        foreach (var host in hosts)
        {
            var text = await http.GetStringAsync(new Uri(host.BaseAddress, "/metrics"), ct).ConfigureAwait(false);
            total += MonitorBenchMath.StorageRequests(text).Values.Sum();
        }
        return total;
    }

    public static string Table(IReadOnlyList<Row> rows)
    {
        var one = rows.FirstOrDefault(r => r.Hosts == 1);
        return TextTable.Format(
            ["hosts", "targets", "seconds", "targets/s", "vs 1 host", "host CPU-s/1k", "CPU-s/1k by host", "Azurite CPU-s/1k", "storage req/1k", "phases"],
            [.. rows.Select(r => new[]
            {
                r.Hosts.ToString(CultureInfo.InvariantCulture), r.Sweep.Targets.ToString(CultureInfo.InvariantCulture),
                r.Sweep.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), r.Sweep.TargetsPerSecond.ToString("0", CultureInfo.InvariantCulture),
                one is null ? "" : (r.Sweep.TargetsPerSecond / one.Sweep.TargetsPerSecond).ToString("0.00", CultureInfo.InvariantCulture),
                r.Per1k(r.HostCpuSeconds).ToString("0.000", CultureInfo.InvariantCulture),
                string.Join("/", r.CpuByHost.Select(c => r.Per1k(c).ToString("0.000", CultureInfo.InvariantCulture))),
                r.Per1k(r.AzuriteCpuSeconds).ToString("0.000", CultureInfo.InvariantCulture),
                r.Per1k(r.StorageRequests).ToString("0", CultureInfo.InvariantCulture),
                r.Sweep.Notes[(r.Sweep.Notes.IndexOf(": ", StringComparison.Ordinal) + 2)..],
            })]);
    }
}
