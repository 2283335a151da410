using System.Net;
using FleetOps.Simulator.Tests.Support;
using Xunit.Abstractions;
namespace FleetOps.Simulator.Tests;
public sealed class Diag(ITestOutputHelper output)
{
    [Fact]
    public async Task D()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 2, Overrides = new Dictionary<int, NodeFault> { [1] = NodeFault.Down } });
        var node = fleet.Nodes[1];
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));
        fleet.SetFault(node.Name, NodeFault.Blackhole);
        output.WriteLine(Ss(node.Port));
        output.WriteLine((await TcpConnect.TryAsync(node.Port, TimeSpan.FromMilliseconds(500))).ToString());
        fleet.SetFault(node.Name, NodeFault.None);
        output.WriteLine(Ss(node.Port));
        using (var response = await client.GetAsync(NodeHttp.HealthOf(node))) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        fleet.SetFault(node.Name, NodeFault.Blackhole);
        output.WriteLine(Ss(node.Port));
        var r = await TcpConnect.TryAsync(node.Port, TimeSpan.FromMilliseconds(500));
        output.WriteLine(r.ToString());
        output.WriteLine(Ss(node.Port));
    }
    static string Ss(int port) { var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ss", $"-tan sport = :{port} or dport = :{port}") { RedirectStandardOutput = true })!; var s = p.StandardOutput.ReadToEnd(); p.WaitForExit(); return s; }
}
