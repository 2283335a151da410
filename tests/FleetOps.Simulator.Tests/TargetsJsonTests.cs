using System.Text.Json;
using FleetOps.Core;
using FleetOps.Core.Contracts;

namespace FleetOps.Simulator.Tests;

public sealed class TargetsJsonTests
{
    [Fact]
    public async Task Targets_json_reads_back_as_a_sweep_request_s_targets()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 6, Down = 0.5 });

        var json = fleet.ToTargetsJson();
        var request = JsonSerializer.Deserialize<SweepRequest>($"{{\"targets\":{json}}}", FleetOpsJson.Options)!;

        Assert.StartsWith("[{\"name\":\"node-0001\",\"address\":\"127.0.0.1:", json);
        Assert.Equal(fleet.Nodes.Count, request.Targets!.Count);
        foreach (var (node, target) in fleet.Nodes.Zip(request.Targets))
        {
            Assert.Equal(node.Name, target.Name);
            Assert.Equal(node.Address, target.Address);
            Assert.Equal(node.Labels, target.Labels!);
            Assert.Null(target.Checks);
        }
    }

    [Fact]
    public async Task Targets_json_shows_faults_changed_at_run_time()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 2 });

        fleet.SetFault("node-0002", NodeFault.Hang);

        var targets = JsonSerializer.Deserialize<List<TargetSpec>>(fleet.ToTargetsJson(), FleetOpsJson.Options)!;
        Assert.Equal("none", targets[0].Labels!["fault"]);
        Assert.Equal("hang", targets[1].Labels!["fault"]);
    }
}
