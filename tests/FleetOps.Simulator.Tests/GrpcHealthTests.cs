using System.Net;
using FleetOps.Simulator.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace FleetOps.Simulator.Tests;

/// <summary>The nodes' grpc.health.v1.Health/Check, probed with the real gRPC client over h2c and over TLS.</summary>
public sealed class GrpcHealthTests
{
    private const string Service = "fleetops.node";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HangDeadline = TimeSpan.FromMilliseconds(300);

    [Theory]
    [InlineData(GrpcTransport.H2c)]
    [InlineData(GrpcTransport.Tls)]
    public async Task Each_fault_answers_as_the_health_protocol_says(GrpcTransport transport)
    {
        var faults = Enum.GetValues<GrpcFault>();
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = faults.Length,
            Grpc = new GrpcSpec { Transport = transport, Overrides = faults.Select((f, i) => (f, i)).ToDictionary(x => x.i, x => x.f) },
        });

        foreach (var node in fleet.Nodes)
        {
            Assert.Equal(faults[node.Index], node.GrpcFault);
            await AssertAnswersAsync(fleet, node, node.GrpcFault!.Value);
        }
    }

    [Theory]
    [InlineData(GrpcTransport.H2c)]
    [InlineData(GrpcTransport.Tls)]
    public async Task Faults_switch_at_run_time_on_the_same_port_and_leave_http_alone(GrpcTransport transport)
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 2, Grpc = new GrpcSpec { Transport = transport } });
        var node = fleet.Nodes[1];
        GrpcFault[] sequence =
        [
            GrpcFault.Down, GrpcFault.Hang, GrpcFault.NotServing, GrpcFault.Down, GrpcFault.ServiceUnknown, GrpcFault.Hang,
            GrpcFault.Serving,
        ];

        foreach (var fault in sequence)
        {
            fleet.SetGrpcFault(node.Name, fault);

            Assert.Equal(fault, fleet.ExpectedGrpcFault(node.Name));
            Assert.Equal(fault, fleet.Nodes[1].GrpcFault);
            Assert.Equal(NodeLabels.FaultLabel(fault), fleet.Nodes[1].Labels["grpc"]);
            Assert.Equal(node.GrpcPort, fleet.Nodes[1].GrpcPort);
            await AssertAnswersAsync(fleet, fleet.Nodes[1], fault);
            Assert.True((await NodeAnswer.OfAsync(fleet.Nodes[1])).Matches(fleet.Nodes[1]), "HTTP changed with gRPC");
        }

        fleet.SetFault(node.Name, NodeFault.Down); // HTTP down, gRPC still serving
        Assert.Equal(ConnectOutcome.Refused, await TcpConnect.TryAsync(node.Port, TimeSpan.FromSeconds(2)));
        await AssertAnswersAsync(fleet, fleet.Nodes[1], GrpcFault.Serving);
    }

    [Fact]
    public async Task The_tls_certificate_is_self_signed_for_localhost_and_the_loopback_addresses()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1, Grpc = new GrpcSpec { Transport = GrpcTransport.Tls } });
        var certificate = fleet.GrpcCertificate!;
        var node = fleet.Nodes[0];

        Assert.False(certificate.HasPrivateKey);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.True(certificate.MatchesHostname("localhost"));
        Assert.True(certificate.MatchesHostname("127.0.0.1"));
        Assert.True(certificate.NotAfter > DateTime.Now.AddDays(7));
        // Trusted, with the name checked: by IP, and by "localhost" at the same address.
        Assert.Equal(ServingStatus.Serving, (await GrpcHealthProbe.CheckAsync(fleet, node.GrpcAddress!, Service, Deadline)).Status);
        Assert.Equal(ServingStatus.Serving, (await GrpcHealthProbe.CheckAsync(fleet, node.GrpcAddress!, Service, Deadline, serverName: "localhost")).Status);
        // A name it does not carry fails validation (the client reports the failed handshake as Internal): the check is real.
        var wrongName = await GrpcHealthProbe.CheckAsync(fleet, node.GrpcAddress!, Service, Deadline, serverName: "example.org");
        Assert.True(wrongName is { Code: StatusCode.Internal or StatusCode.Unavailable, Node: null }, $"{wrongName}");
    }

    [Fact]
    public async Task H2c_fleets_have_no_certificate_and_fleets_without_grpc_say_so()
    {
        await using var h2c = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1, Grpc = new GrpcSpec() });
        await using var plain = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1 });

        Assert.Null(h2c.GrpcCertificate);
        Assert.Null(plain.Nodes[0].GrpcAddress);
        Assert.False(plain.Nodes[0].Labels.ContainsKey("grpc"));
        Assert.Throws<InvalidOperationException>(() => plain.SetGrpcFault("node-0001", GrpcFault.Down));
        Assert.Throws<InvalidOperationException>(plain.ToGrpcTargetsJson);
    }

    [Fact]
    public async Task An_address_per_node_fleet_serves_grpc_on_each_node_s_own_address()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = 12, Addressing = NodeAddressing.AddressPerNode,
            Grpc = new GrpcSpec { NotServing = 0.25, ServiceUnknown = 0.25, Hang = 0.1 },
        });

        Assert.Single(fleet.Nodes.Select(n => n.GrpcPort).Distinct());
        Assert.NotEqual(fleet.Nodes[0].Port, fleet.Nodes[0].GrpcPort);
        foreach (var node in fleet.Nodes)
        {
            Assert.Equal($"{node.Host}:{node.GrpcPort}", node.GrpcAddress);
            await AssertAnswersAsync(fleet, node, node.GrpcFault!.Value);
        }
        Assert.Throws<ArgumentException>(() => fleet.SetGrpcFault("node-0001", GrpcFault.Down));
        fleet.SetGrpcFault("node-0001", GrpcFault.NotServing);
        await AssertAnswersAsync(fleet, fleet.Nodes[0], GrpcFault.NotServing);
    }

    [Fact]
    public async Task Dispose_cuts_hung_calls()
    {
        var fleet = await SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = 1, Grpc = new GrpcSpec { Overrides = new Dictionary<int, GrpcFault> { [0] = GrpcFault.Hang } },
        });
        var hung = GrpcHealthProbe.CheckAsync(fleet, fleet.Nodes[0].GrpcAddress!, Service, TimeSpan.FromMinutes(5));
        await Task.Delay(300); // the call reaches the node and waits there

        await fleet.DisposeAsync();

        // Cut, not left to its 5-minute deadline, and never answered.
        Assert.Same(hung, await Task.WhenAny(hung, Task.Delay(TimeSpan.FromSeconds(30))));
        var answer = await hung;
        Assert.True(answer is { Node: null } && answer.Code != StatusCode.OK, $"{answer}");
    }

    [Theory]
    [InlineData(-0.1, 0, "NotServing")]
    [InlineData(0.6, 0.6, "add up")]
    public void Bad_grpc_specs_are_rejected_naming_the_field(double notServing, double hang, string expected)
    {
        var spec = new FleetSpec { Nodes = 4, Grpc = new GrpcSpec { NotServing = notServing, Hang = hang } };

        Assert.Contains(expected, Assert.ThrowsAny<ArgumentException>(() => Faults.FaultPlanner.PlanGrpc(spec)).Message);
        Assert.Contains("Grpc.Down", Assert.ThrowsAny<ArgumentException>(() => Faults.FaultPlanner.PlanGrpc(
            new FleetSpec { Nodes = 4, Addressing = NodeAddressing.AddressPerNode, Grpc = new GrpcSpec { Down = 0.25 } })).Message);
        Assert.Contains("Grpc.Service", Assert.ThrowsAny<ArgumentException>(() => Faults.FaultPlanner.PlanGrpc(
            new FleetSpec { Nodes = 4, Grpc = new GrpcSpec { Service = "" } })).Message);
    }

    /// <summary>What <paramref name="fault"/> promises, for the fleet's service, for "" and for a service nobody has.</summary>
    private static async Task AssertAnswersAsync(SimulatedFleet fleet, SimulatedNode node, GrpcFault fault)
    {
        var address = node.GrpcAddress!;
        var name = fleet.GrpcCertificate is not null && node.Host != "127.0.0.1" ? "localhost" : null;
        switch (fault)
        {
            case GrpcFault.Down:
                Assert.Equal(ConnectOutcome.Refused, await TcpConnect.TryAsync(IPEndPoint.Parse(address), TimeSpan.FromSeconds(2)));
                Assert.Equal(StatusCode.Unavailable, (await GrpcHealthProbe.CheckAsync(fleet, address, Service, Deadline, name)).Code);
                return;
            case GrpcFault.Hang:
                var hung = await GrpcHealthProbe.CheckAsync(fleet, address, Service, HangDeadline, name);
                Assert.True(hung.Code == StatusCode.DeadlineExceeded && hung.Node is null, $"{node.Name}: {hung}");
                return;
        }
        var own = await GrpcHealthProbe.CheckAsync(fleet, address, Service, Deadline, name);
        var server = await GrpcHealthProbe.CheckAsync(fleet, address, "", Deadline, name);
        var unknown = await GrpcHealthProbe.CheckAsync(fleet, address, "no.such.Service", Deadline, name);
        var expected = fault switch
        {
            GrpcFault.Serving => (Own: (StatusCode.OK, (ServingStatus?)ServingStatus.Serving), Server: ServingStatus.Serving),
            GrpcFault.NotServing => (Own: (StatusCode.OK, ServingStatus.NotServing), Server: ServingStatus.NotServing),
            _ => (Own: (StatusCode.NotFound, (ServingStatus?)null), Server: ServingStatus.Serving),
        };
        Assert.True((own.Code, own.Status) == expected.Own, $"{node.Name} ({fault}) for {Service}: {own}");
        Assert.True(server is { Code: StatusCode.OK } && server.Status == expected.Server, $"{node.Name} ({fault}) for \"\": {server}");
        Assert.True(unknown.Code == StatusCode.NotFound, $"{node.Name} ({fault}) for an unknown service: {unknown}");
        Assert.All(new[] { own, server, unknown }, answer => Assert.Equal(node.Name, answer.Node));
    }
}
