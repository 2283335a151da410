using System.Net;
using System.Text.Json.Nodes;
using FleetOps.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.Simulator.Tests;

/// <summary>The control port: what a test in another process uses to change a fleet at run time.</summary>
public sealed class ControlPortTests
{
    [Fact]
    public async Task Faults_grpc_faults_and_error_rates_change_through_the_control_port()
    {
        var clock = new FakeTimeProvider();
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 3, ControlPort = 0, Grpc = new GrpcSpec() }, clock);
        using var control = new HttpClient { BaseAddress = new Uri($"http://{fleet.ControlAddress}") };
        var node = fleet.Nodes[1];

        Assert.Equal(fleet.ToTargetsJson(), await control.GetStringAsync("/targets"));
        Assert.Equal(fleet.ToGrpcTargetsJson(), await control.GetStringAsync("/targets/grpc"));

        Assert.Equal(HttpStatusCode.NoContent, (await control.PutAsync($"/nodes/{node.Name}/fault/wrong-status", null)).StatusCode);
        Assert.Equal(NodeFault.WrongStatus, fleet.ExpectedFault(node.Name));
        Assert.True((await NodeAnswer.OfAsync(fleet.Nodes[1])).Matches(fleet.Nodes[1]));
        Assert.Equal(HttpStatusCode.NoContent, (await control.PutAsync($"/nodes/{node.Name}/fault/Down", null)).StatusCode);
        Assert.Equal(ConnectOutcome.Refused, await TcpConnect.TryAsync(node.Port, TimeSpan.FromSeconds(2)));

        Assert.Equal(HttpStatusCode.NoContent, (await control.PutAsync($"/nodes/{node.Name}/grpc-fault/not-serving", null)).StatusCode);
        Assert.Equal(GrpcFault.NotServing, fleet.ExpectedGrpcFault(node.Name));

        Assert.Equal(HttpStatusCode.NoContent, (await control.PutAsync($"/nodes/{node.Name}/error-rate?errorsPerSecond=4&okPerSecond=6", null)).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(30));
        var metrics = await control.GetStringAsync("/metrics");
        Assert.Contains($"http_requests_total{{node=\"{node.Name}\",code=\"500\"}} 120\n", metrics);
        Assert.Contains($"http_requests_total{{node=\"{node.Name}\",code=\"200\"}} 180\n", metrics);
        Assert.Equal(fleet.MetricsText(), metrics);
    }

    [Theory]
    [InlineData("PUT", "/nodes/node-0009/fault/down", 404, "name")]
    [InlineData("PUT", "/nodes/node-0001/fault/sideways", 400, "fault")]
    [InlineData("PUT", "/nodes/node-0001/fault/3", 400, "fault")]
    [InlineData("PUT", "/nodes/node-0001/grpc-fault/down", 409, "path")]
    [InlineData("PUT", "/nodes/node-0001/error-rate?errorsPerSecond=lots", 400, "errorsPerSecond")]
    [InlineData("PUT", "/nodes/node-0001/error-rate?okPerSecond=-1", 400, "okPerSecond")]
    [InlineData("GET", "/nodes", 404, "path")]
    [InlineData("DELETE", "/targets", 404, "path")]
    public async Task Bad_control_requests_get_a_problem_naming_the_field(string method, string path, int status, string field)
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1, ControlPort = 0 });
        using var control = new HttpClient { BaseAddress = new Uri($"http://{fleet.ControlAddress}") };

        using var response = await control.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(field, problem["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(NodeFault.None, fleet.ExpectedFault("node-0001"));
    }

    [Fact]
    public async Task The_control_port_and_the_grpc_ports_are_exclusive_too()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = 2, ControlPort = 0, Grpc = new GrpcSpec { Overrides = new Dictionary<int, GrpcFault> { [1] = GrpcFault.Down } },
        });

        Assert.Empty(Intruder.WaysToTake(IPEndPoint.Parse(fleet.ControlAddress!)));
        foreach (var node in fleet.Nodes)
            Assert.Empty(Intruder.WaysToTake(IPEndPoint.Parse(node.GrpcAddress!)));
        fleet.SetGrpcFault("node-0001", GrpcFault.Down);
        fleet.SetGrpcFault("node-0002", GrpcFault.Serving);
        foreach (var node in fleet.Nodes)
            Assert.Empty(Intruder.WaysToTake(IPEndPoint.Parse(node.GrpcAddress!)));
    }

    [Fact]
    public async Task A_fixed_control_port_that_is_taken_fails_the_start()
    {
        await using var first = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1, ControlPort = 0 });
        var taken = IPEndPoint.Parse(first.ControlAddress!).Port;

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1, ControlPort = taken }));
        Assert.Contains($"control port {taken}", e.Message);
    }
}
