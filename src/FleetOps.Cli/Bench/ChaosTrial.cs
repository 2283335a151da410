using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FleetOps.Api.Client;
using FleetOps.Cli.Local;
using FleetOps.Simulator;
using FleetOps.Workflows.Hosting;

namespace FleetOps.Cli.Bench;

/// <summary>
/// One kill -9 trial: a sweep (or a rollout) on its own task hub, the host killed once half of it is done, then
/// either the only host restarted on the same port or, with two hosts, the survivor left to finish. Times are taken
/// from the kill and from the restart to the run's completion, and to the moment the survivor owns every partition.
/// </summary>
/// <param name="stableWorkerIds">Give each host a worker id of its own that survives a restart (FleetOps__Engine__WorkerId),
/// instead of the default machine-pid: a restarted host then finds the leases still its own and takes them at once.</param>
public sealed class ChaosTrial(string connectionString, string hostJson, bool stableWorkerIds, Action<string> log)
{
    /// <summary>One trial's figures; times in seconds, null where they do not apply (no restart with two hosts).</summary>
    /// <param name="Redone">Work done twice at the fleet: probes beyond one per target (a sweep's batches that ran again
    /// after the kill; the report still has one result per target), or action deliveries beyond one per node (the node
    /// applies a repeated delivery once, by its idempotency key).</param>
    public sealed record Outcome(int Number, string Run, int Hosts, string AtKill, double? FromKill, double? FromRestart, double? Takeover,
        int Missing, int Duplicates, long Redone = 0, string? Error = null);

    private static readonly TimeSpan CompletionLimit = TimeSpan.FromMinutes(2);

    /// <summary>An undisturbed run of the same shape: how long the whole run takes, so "half done" has a scale.</summary>
    public async Task<double> BaselineAsync(string run, CancellationToken ct)
    {
        await using var fleet = await FleetAsync(run, ct).ConfigureAwait(false);
        await using var host = await StartHostAsync(Hub("base"), LoopbackPort.Free(), ct).ConfigureAwait(false);
        var api = Api(host);
        var watch = Stopwatch.StartNew();
        var id = await StartRunAsync(api, run, fleet, ct).ConfigureAwait(false);
        await WaitForEndAsync(api, id, ct).ConfigureAwait(false);
        return watch.Elapsed.TotalSeconds;
    }

    public async Task<Outcome> RunAsync(int number, string run, int hosts, CancellationToken ct)
    {
        try
        {
            return await RunOnceAsync(number, run, hosts, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A trial that fails is a finding to report in the table, not a reason to lose the others.
            return new Outcome(number, run, hosts, "", null, null, null, 0, 0, Error: e.Message.Split('\n')[0]);
        }
    }

    private async Task<Outcome> RunOnceAsync(int number, string run, int hosts, CancellationToken ct)
    {
        await using var fleet = await FleetAsync(run, ct).ConfigureAwait(false);
        var hub = Hub($"t{number}");
        var ports = LoopbackPort.Free(hosts);
        var started = new List<BenchHost>();
        try
        {
            foreach (var port in ports) started.Add(await StartHostAsync(hub, port, ct).ConfigureAwait(false));
            var id = await StartRunAsync(Api(started[0]), run, fleet, ct).ConfigureAwait(false);
            var atKill = await WaitUntilHalfDoneAsync(Api(started[0]), id, run, fleet, ct).ConfigureAwait(false);

            // With two hosts, kill the one that owns the run's partition: the survivor must take it over to finish.
            var owner = hosts == 1 ? started[0] : await OwnerOfAsync(hub, id, started, ct).ConfigureAwait(false);
            if (owner is null) atKill += ", lease owner not found: killed either";
            var victim = owner ?? started[number % 2];
            victim.KillHard();
            var sinceKill = Stopwatch.StartNew();
            started.Remove(victim);
            await victim.DisposeAsync().ConfigureAwait(false);

            Stopwatch? sinceRestart = null;
            if (hosts == 1)
            {
                sinceRestart = Stopwatch.StartNew();
                started.Add(await StartHostAsync(hub, ports[0], ct).ConfigureAwait(false));
            }
            var survivor = started[0];
            using var takeoverCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var takeover = TakeoverAsync(hub, WorkerId(survivor), sinceKill, takeoverCts.Token);
            await WaitForEndAsync(Api(survivor), id, ct).ConfigureAwait(false);
            var fromKill = sinceKill.Elapsed.TotalSeconds;
            var fromRestart = sinceRestart?.Elapsed.TotalSeconds;
            takeoverCts.CancelAfter(TimeSpan.FromSeconds(20));
            var takeoverSeconds = await takeover.ConfigureAwait(false);

            var (missing, duplicates) = await VerifyAsync(Api(survivor), id, run, fleet, ct).ConfigureAwait(false);
            var redone = run == ChaosRuns.Sweep
                ? fleet.HealthRequests - fleet.Nodes.Count
                : fleet.Nodes.Sum(n => fleet.ActionDeliveries(n.Name)) - fleet.Nodes.Count;
            return new Outcome(number, run, hosts, atKill, fromKill, fromRestart, takeoverSeconds, missing, duplicates, redone);
        }
        finally
        {
            foreach (var host in started) await host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Hub(string suffix) => $"chaos{suffix}{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The host's worker id, as the partition table names lease owners: the stable one, or the default machine-pid.</summary>
    private string WorkerId(BenchHost host) => stableWorkerIds ? StableWorkerId(host.BaseAddress.Port) : $"{Environment.MachineName}-{host.ProcessId}";

    private static string StableWorkerId(int port) => $"{Environment.MachineName}-port{port}";

    // Two activity slots: small batches of the sweep (and the rollout's slow actions) take a few seconds in all,
    // long enough to be killed in the middle, short enough that recovery dominates what is left.
    private Task<BenchHost> StartHostAsync(string hub, int port, CancellationToken ct)
    {
        var environment = new Dictionary<string, string>
        {
            ["FleetOps__Engine__HubName"] = hub,
            ["FleetOps__Engine__MaxConcurrentActivities"] = "2",
        };
        if (stableWorkerIds) environment["FleetOps__Engine__WorkerId"] = StableWorkerId(port);
        return BenchHost.StartAsync(connectionString, hostJson, port, ct, environment);
    }

    private static FleetOpsApiClient Api(BenchHost host) => FleetOpsApiClient.Create(host.BaseAddress, apiKey: null, TimeSpan.FromSeconds(30));

    private static Task<SimulatedFleet> FleetAsync(string run, CancellationToken ct) => SimulatedFleet.StartAsync(run == ChaosRuns.Sweep
        ? new FleetSpec { Nodes = 100, Slow = 0.2, SlowDelay = TimeSpan.FromMilliseconds(300), NamePrefix = "chaos-" }
        : new FleetSpec { Nodes = 20, ActionDelay = TimeSpan.FromMilliseconds(300), NamePrefix = "chaosr-" }, ct);

    private static async Task<string> StartRunAsync(FleetOpsApiClient api, string run, SimulatedFleet fleet, CancellationToken ct)
    {
        var request = new JsonObject { ["name"] = $"chaos-{run}", ["targets"] = JsonNode.Parse(fleet.ToTargetsJson()) };
        var health = new JsonArray(new JsonObject { ["kind"] = "http", ["path"] = "/health" });
        if (run == ChaosRuns.Sweep)
        {
            request["checks"] = health;
            request["options"] = new JsonObject { ["batchSize"] = 10, ["concurrency"] = 4, ["timeoutMs"] = 5000 };
            return (await api.StartSweepAsync(request.ToJsonString(), ct).ConfigureAwait(false))["id"]!.GetValue<string>();
        }
        // Wave 1 of two nodes, wave 2 of eighteen in chunks, two actions at a time: the kill lands inside wave 2.
        request["action"] = new JsonObject { ["url"] = "http://{{address}}/action/deploy" };
        request["waves"] = new JsonArray(2, "100%");
        request["concurrency"] = 2;
        request["gate"] = new JsonObject { ["checks"] = health, ["intervalSeconds"] = 1, ["deadlineSeconds"] = 30 };
        return (await api.StartRolloutAsync(request.ToJsonString(), ct).ConfigureAwait(false))["id"]!.GetValue<string>();
    }

    /// <summary>Waits until half the sweep's batches (or half the rollout's nodes) are done; says how far it got.</summary>
    private static async Task<string> WaitUntilHalfDoneAsync(FleetOpsApiClient api, string id, string run, SimulatedFleet fleet, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + CompletionLimit;
        while (DateTime.UtcNow < deadline)
        {
            if (run == ChaosRuns.Rollout)
            {
                var applied = fleet.Nodes.Sum(n => fleet.ActionsApplied(n.Name));
                if (applied >= fleet.Nodes.Count / 2) return $"{applied}/{fleet.Nodes.Count} nodes";
            }
            else if ((await api.GetRunAsync(id, ct).ConfigureAwait(false))?["progress"] is { } progress
                     && progress["batchesDone"]?.GetValue<int>() is { } done && progress["batchesTotal"]?.GetValue<int>() is { } total && done * 2 >= total)
            {
                return $"{done}/{total} batches";
            }
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
        throw new TimeoutException($"run {id} was not half done within {CompletionLimit.TotalSeconds:0} s");
    }

    private static async Task<JsonNode> WaitForEndAsync(FleetOpsApiClient api, string id, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + CompletionLimit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await api.GetRunAsync(id, ct).ConfigureAwait(false) is { } run && run["runtimeStatus"]!.GetValue<string>() is not ("Pending" or "Running"))
                    return run["runtimeStatus"]!.GetValue<string>() == "Completed"
                        ? run
                        : throw new InvalidOperationException($"run {id} ended {run["runtimeStatus"]}: {run["failure"]?.ToJsonString()}");
            }
            catch (HttpRequestException)
            {
                // The host is still starting its API: keep asking.
            }
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
        throw new TimeoutException($"run {id} did not complete within {CompletionLimit.TotalSeconds:0} s of the kill");
    }

    /// <summary>The host whose worker id holds the lease on the control queue of <paramref name="instanceId"/>; null if none does.</summary>
    private async Task<BenchHost?> OwnerOfAsync(string hub, string instanceId, IReadOnlyList<BenchHost> hosts, CancellationToken ct)
    {
        var partition = ChaosStats.ControlQueueIndex(instanceId, HostJson.Load(hostJson).Engine.PartitionCount);
        var queue = $"{hub.ToLowerInvariant()}-control-{partition:00}";
        var table = new TableClient(connectionString, $"{hub}Partitions");
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: ct).ConfigureAwait(false))
            if (row.RowKey == queue) return hosts.FirstOrDefault(h => WorkerId(h) == row.GetString("CurrentOwner"));
        return null;
    }

    /// <summary>Seconds from the kill until <paramref name="worker"/> owns every partition of the hub's partition table; null if not seen.</summary>
    private async Task<double?> TakeoverAsync(string hub, string worker, Stopwatch sinceKill, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var owners = await PartitionOwners.ReadAsync(connectionString, hub, ct).ConfigureAwait(false);
                if (owners.Count > 0 && owners.All(o => o == worker)) return sinceKill.Elapsed.TotalSeconds;
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Azure.RequestFailedException e)
        {
            log($"  partition table {hub}Partitions unreadable ({e.Status}): no takeover time");
            return null;
        }
    }

    /// <summary>Exactly once: one result per target in the sweep's report; one applied action per node at the fleet.</summary>
    private static async Task<(int Missing, int Duplicates)> VerifyAsync(FleetOpsApiClient api, string id, string run, SimulatedFleet fleet, CancellationToken ct)
    {
        if (run == ChaosRuns.Rollout) return ChaosStats.Applied(fleet.Nodes.Select(n => fleet.ActionsApplied(n.Name)));
        var results = (await api.GetReportAsync(id, ct: ct).ConfigureAwait(false))["results"]!.AsArray();
        return ChaosStats.Tally(fleet.Nodes.Select(n => n.Name), results.Select(r => r!["name"]!.GetValue<string>()));
    }
}

public static class ChaosRuns
{
    public const string Sweep = "sweep", Rollout = "rollout";
}
