using FleetOps.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace FleetOps.Simulator.Tests;

/// <summary>
/// Issue 12 as it happened: two simulated fleets, each its own process, at the same time on one machine, given
/// overlapping port ranges so that the later one tries the earlier one's ports first. Every node of both must answer
/// exactly as configured, with its own name.
/// </summary>
public sealed class TwoFleetProcessesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fleets_started_on_overlapping_ports_each_keep_their_own_nodes()
    {
        var first = 20000 + Random.Shared.Next(0, 150) * 64; // 20000..29536: below the ephemeral range, apart from other runs
        // A: every fault, port per node, in the first 16 ports.
        await using var a = await SimProcess.StartAsync("--nodes", "8", "--prefix", "a-", "--down", "0.25", "--hang", "0.125",
            "--wrong-status", "0.125", "--blackhole", "0.125", "--ports", $"{first}-{first + 15}");
        // C: address per node, one shared port, in a range that starts where A's does.
        await using var c = await SimProcess.StartAsync("--nodes", "20", "--prefix", "c-", "--addressing", "address-per-node",
            "--hang", "0.1", "--wrong-status", "0.1", "--ports", $"{first}-{first + 31}");
        // B: healthy, port per node, scanning from the same first port over both.
        await using var b = await SimProcess.StartAsync("--nodes", "24", "--prefix", "b-", "--ports", $"{first}-{first + 63}");

        output.WriteLine($"A: {string.Join(", ", a.Targets.Select(t => $"{t.Name} {t.Address} {t.Fault}"))}");
        output.WriteLine($"C: port {c.Targets[0].EndPoint.Port}; B: {string.Join(", ", b.Targets.Select(t => t.EndPoint.Port))}");

        var aPorts = a.Targets.Select(t => t.EndPoint.Port).ToHashSet();
        var cPort = c.Targets[0].EndPoint.Port;
        Assert.DoesNotContain(b.Targets, t => aPorts.Contains(t.EndPoint.Port) || t.EndPoint.Port == cPort);
        Assert.DoesNotContain(cPort, aPorts);

        var wrong = new List<string>();
        foreach (var target in a.Targets.Concat(c.Targets).Concat(b.Targets).OrderBy(t => t.Fault is NodeFault.Hang or NodeFault.Blackhole))
        {
            var answer = await NodeAnswer.OfAsync(target.EndPoint, NodeAnswer.WaitFor(target.Fault));
            if (!answer.Matches(target.Name, target.Fault, wrongStatusCode: 503)) wrong.Add($"{target.Name} ({target.Fault}) at {target.Address}: {answer}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} nodes answered other than configured:\n{string.Join("\n", wrong)}");
    }
}
