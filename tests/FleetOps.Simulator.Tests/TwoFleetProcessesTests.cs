using FleetOps.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace FleetOps.Simulator.Tests;

/// <summary>
/// Issue 12 as it happened: two simulated fleets, each its own process, at the same time on one machine, given
/// overlapping port ranges so that the later one tries the earlier one's ports first. Every node of both must answer
/// exactly as configured, with its own name.
/// </summary>
[Collection(nameof(AloneCollection))]
public sealed class TwoFleetProcessesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fleets_started_on_overlapping_ports_each_keep_their_own_nodes()
    {
        var first = 20000 + Random.Shared.Next(0, 150) * 64; // 20000..29536: below the ephemeral range, apart from other runs
        // A: every fault, port per node, gRPC ports and a control port too, in the first 24 ports.
        await using var a = await SimProcess.StartAsync("--nodes", "8", "--prefix", "a-", "--down", "0.25", "--hang", "0.125",
            "--wrong-status", "0.125", "--blackhole", "0.125", "--grpc", "h2c", "--grpc-down", "0.25", "--control-port", "0",
            "--ports", $"{first}-{first + 23}");
        // A node that served connections goes down at run time: its port must stay A's.
        var goneDown = a.Targets.First(t => t.Fault == NodeFault.None);
        Assert.True((await NodeAnswer.OfAsync(goneDown.EndPoint, goneDown.Fault)).Matches(goneDown.Name, goneDown.Fault, 503));
        using (var control = new HttpClient { BaseAddress = a.Control })
            Assert.Equal(204, (int)(await control.PutAsync($"/nodes/{goneDown.Name}/fault/down", null)).StatusCode);
        var aTargets = a.Targets.Select(t => t == goneDown ? t with { Labels = new() { ["fault"] = "down" } } : t).ToList();
        // C: address per node, one shared port, in a range that starts where A's does.
        await using var c = await SimProcess.StartAsync("--nodes", "20", "--prefix", "c-", "--addressing", "address-per-node",
            "--hang", "0.1", "--wrong-status", "0.1", "--ports", $"{first}-{first + 31}");
        // B: healthy, port per node, scanning from the same first port over both.
        await using var b = await SimProcess.StartAsync("--nodes", "24", "--prefix", "b-", "--ports", $"{first}-{first + 63}");

        output.WriteLine($"A: {string.Join(", ", a.Targets.Select(t => $"{t.Name} {t.Address} {t.Fault}"))}");
        output.WriteLine($"C: port {c.Targets[0].EndPoint.Port}; B: {string.Join(", ", b.Targets.Select(t => t.EndPoint.Port))}");

        var aPorts = a.Targets.Concat(a.GrpcTargets).Select(t => t.EndPoint.Port).Append(a.Control!.Port).ToHashSet();
        Assert.Equal(17, aPorts.Count);
        var cPort = c.Targets[0].EndPoint.Port;
        Assert.DoesNotContain(b.Targets, t => aPorts.Contains(t.EndPoint.Port) || t.EndPoint.Port == cPort);
        Assert.DoesNotContain(cPort, aPorts);

        var wrong = new List<string>();
        foreach (var target in aTargets.Concat(c.Targets).Concat(b.Targets).OrderBy(t => t.Fault is NodeFault.Hang or NodeFault.Blackhole))
        {
            var answer = await NodeAnswer.OfAsync(target.EndPoint, target.Fault);
            if (!answer.Matches(target.Name, target.Fault, wrongStatusCode: 503)) wrong.Add($"{target.Name} ({target.Fault}) at {target.Address}: {answer}");
        }
        foreach (var target in a.GrpcTargets)
        {
            var refused = await TcpConnect.TryAsync(target.EndPoint, TimeSpan.FromSeconds(2)) == ConnectOutcome.Refused;
            if (refused != (target.Labels["grpc"] == "down")) wrong.Add($"{target.Name} gRPC ({target.Labels["grpc"]}) at {target.Address}: refused={refused}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} nodes answered other than configured:\n{string.Join("\n", wrong)}");
    }
}
