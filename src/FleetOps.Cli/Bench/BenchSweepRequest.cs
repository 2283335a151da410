using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Simulator;

namespace FleetOps.Cli.Bench;

/// <summary>
/// The durable sweep request the bench sends for a fleet: its targets inline up to <see cref="InlineMax"/> nodes; beyond,
/// a stored inventory (the fleet's Ansible ranges, about 100 bytes for a million nodes) as a user with a fleet that
/// large would, since inline targets would pass the 16 MiB request limit. The host takes one that large only with
/// FleetOps:Limits:MaxTargetsPerRun raised (<see cref="BenchHost"/> sets it).
/// </summary>
internal static class BenchSweepRequest
{
    public const int InlineMax = 100_000;

    public static async Task<JsonObject> CreateAsync(FleetOpsApiClient api, SimulatedFleet fleet, int concurrency, CancellationToken ct)
    {
        var nodes = fleet.Nodes.Count;
        var options = new JsonObject { ["concurrency"] = concurrency, ["timeoutMs"] = 5000 };
        var request = new JsonObject
        {
            ["name"] = $"bench-{nodes}",
            ["checks"] = new JsonArray(new JsonObject { ["kind"] = "http", ["path"] = "/health" }),
            ["options"] = options,
        };
        if (nodes <= InlineMax)
        {
            request["targets"] = JsonNode.Parse(fleet.ToTargetsJson());
            return request;
        }
        var inventory = $"bench-{nodes}";
        await api.PutInventoryAsync(inventory, fleet.ToAnsibleInventory(), "ansible-ini", ct).ConfigureAwait(false);
        request["inventory"] = inventory;
        return request;
    }
}
