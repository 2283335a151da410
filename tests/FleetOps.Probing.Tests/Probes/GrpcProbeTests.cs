using FleetOps.Core.Checks;
using FleetOps.Core.Policy;
using FleetOps.Core.Results;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;
using FleetOps.Simulator;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>Two simulated fleets serving grpc.health.v1 (h2c and TLS), one node per gRPC fault, for the grpc probe tests.</summary>
public sealed class GrpcFleets : IAsyncLifetime
{
    public const string Service = "fleetops.node";
    private static readonly GrpcFault[] Faults = [GrpcFault.Serving, GrpcFault.NotServing, GrpcFault.ServiceUnknown, GrpcFault.Down, GrpcFault.Hang];

    public SimulatedFleet H2c { get; private set; } = null!;
    public SimulatedFleet Tls { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        H2c = await Start(GrpcTransport.H2c);
        Tls = await Start(GrpcTransport.Tls);
    }

    public async Task DisposeAsync()
    {
        await H2c.DisposeAsync();
        await Tls.DisposeAsync();
    }

    /// <summary>"127.0.0.1:port" of the node with <paramref name="fault"/>.</summary>
    public static string Address(SimulatedFleet fleet, GrpcFault fault) => fleet.Nodes[Array.IndexOf(Faults, fault)].GrpcAddress!;

    private static Task<SimulatedFleet> Start(GrpcTransport transport) => SimulatedFleet.StartAsync(new FleetSpec
    {
        Nodes = Faults.Length,
        Grpc = new GrpcSpec { Transport = transport, Service = Service, Overrides = Faults.Select((f, i) => (f, i)).ToDictionary(x => x.i, x => x.f) },
    });
}

/// <summary>The grpc check kind against the simulator's gRPC health service: each serving status, each failure, TLS, policy.</summary>
public sealed class GrpcProbeTests(GrpcFleets fleets) : IClassFixture<GrpcFleets>, IDisposable
{
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());
    private readonly GrpcProbe _probe = new(ProbeKit.Connector());

    public void Dispose() => _prober.Dispose();

    private string H2c(GrpcFault fault) => GrpcFleets.Address(fleets.H2c, fault);
    private string Tls(GrpcFault fault) => GrpcFleets.Address(fleets.Tls, fault);

    private static GrpcCheck Grpc(string? service = GrpcFleets.Service, bool tls = false, bool insecure = false, string? serverName = null, params string[] conditions) =>
        new() { Service = service, Tls = tls ? true : null, Insecure = insecure ? true : null, ServerName = serverName, Conditions = conditions.Length > 0 ? [.. conditions] : null };

    [Fact]
    public async Task Serving_passes_with_its_facts()
    {
        var outcome = await _probe.AttemptAsync(H2c(GrpcFault.Serving), Grpc());

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal("SERVING", outcome.Facts.GrpcStatus);
        Assert.True(outcome.Facts.Connected);
        Assert.Equal("127.0.0.1", outcome.Facts.Ip);
        Assert.Equal(fleets.H2c.Nodes[0].Name, outcome.Facts.Headers!["x-node"]);
        Assert.True(outcome.Facts.ResponseTimeMs > 0);
        Assert.Null(outcome.Facts.CertificateChainValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task No_service_asks_about_the_server_as_a_whole(string? service)
    {
        // The node does not know fleetops.node, but the server itself is up.
        var outcome = await _probe.AttemptAsync(H2c(GrpcFault.ServiceUnknown), Grpc(service));

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal("SERVING", outcome.Facts.GrpcStatus);
    }

    [Fact]
    public async Task Not_serving_fails_and_is_retried()
    {
        var result = await _prober.CheckAsync(ProbeKit.Task(H2c(GrpcFault.NotServing), Grpc()), ProbeFixtures.Options(attempts: 2));

        Assert.False(result.Ok);
        Assert.Equal(ErrorKind.GrpcStatus, result.Error?.Kind);
        Assert.True(result.Error!.Transient);
        Assert.Equal(2, result.Attempts);
        Assert.Contains("service 'fleetops.node' is NOT_SERVING, expected SERVING", result.Error.Message);
        Assert.Equal("grpc fleetops.node", result.Check);
    }

    [Theory]
    [InlineData(GrpcFault.ServiceUnknown, GrpcFleets.Service)]
    [InlineData(GrpcFault.Serving, "no.such.Service")]
    public async Task An_unknown_service_fails_without_retrying(GrpcFault fault, string service)
    {
        var result = await _prober.CheckAsync(ProbeKit.Task(H2c(fault), Grpc(service)), ProbeFixtures.Options(attempts: 3));
        var outcome = await _probe.AttemptAsync(H2c(fault), Grpc(service));

        Assert.Equal(ErrorKind.GrpcStatus, result.Error?.Kind);
        Assert.False(result.Error!.Transient);
        Assert.Equal(1, result.Attempts);
        Assert.Contains("SERVICE_UNKNOWN", result.Error.Message);
        Assert.Equal("SERVICE_UNKNOWN", outcome.Facts.GrpcStatus);
        Assert.True(outcome.Facts.Connected);
    }

    [Fact]
    public async Task Conditions_decide_over_the_status()
    {
        var expected = await _prober.CheckAsync(ProbeKit.Task(H2c(GrpcFault.NotServing), Grpc(conditions: ["[GRPC_STATUS] == not_serving", "[RESPONSE_TIME] < 10s"])));
        var unexpected = await _prober.CheckAsync(ProbeKit.Task(H2c(GrpcFault.NotServing), Grpc(conditions: ["[GRPC_STATUS] == SERVING"])));

        Assert.True(expected.Ok, expected.Error?.Message);
        Assert.Equal(ErrorKind.Condition, unexpected.Error?.Kind);
        Assert.Equal("NOT_SERVING", Assert.Single(unexpected.Conditions!).Actual);
    }

    [Fact]
    public async Task A_node_that_is_down_is_refused()
    {
        var outcome = await _probe.AttemptAsync(H2c(GrpcFault.Down), Grpc());

        Assert.Equal(ErrorKind.Refused, outcome.Error?.Kind);
        Assert.False(outcome.Facts.Connected);
        Assert.Null(outcome.Facts.GrpcStatus);
    }

    [Fact]
    public async Task A_call_never_answered_times_out_at_the_attempts_timeout()
    {
        var result = await _prober.CheckAsync(ProbeKit.Task(H2c(GrpcFault.Hang), Grpc()), ProbeFixtures.Options(timeoutMs: 300));

        Assert.False(result.Ok);
        Assert.Equal(ErrorKind.Timeout, result.Error?.Kind);
    }

    [Fact]
    public async Task A_port_that_serves_no_grpc_fails_with_no_status()
    {
        // The node's HTTP/1.1 port: the HTTP/2 preface gets no gRPC answer.
        var outcome = await _probe.AttemptAsync(fleets.H2c.Nodes[0].Address, Grpc());

        Assert.False(outcome.Ok);
        Assert.Null(outcome.Facts.GrpcStatus);
        Assert.True(outcome.Facts.Connected);
    }

    [Fact]
    public async Task Tls_with_an_untrusted_certificate_fails_permanently_with_its_facts()
    {
        var result = await _prober.CheckAsync(ProbeKit.Task(Tls(GrpcFault.Serving), Grpc(tls: true)), ProbeFixtures.Options(attempts: 3));
        var outcome = await _probe.AttemptAsync(Tls(GrpcFault.Serving), Grpc(tls: true));

        Assert.Equal(ErrorKind.Tls, result.Error?.Kind);
        Assert.False(result.Error!.Transient);
        Assert.Equal(1, result.Attempts);
        Assert.False(outcome.Facts.CertificateChainValid);
        Assert.True(outcome.Facts.CertificateHostnameValid); // 127.0.0.1 is among its names
        Assert.Null(outcome.Facts.GrpcStatus);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("localhost", true)]
    [InlineData("other.test", false)]
    public async Task Tls_insecure_answers_and_reports_the_certificate_for_the_name_checked(string? serverName, bool hostnameValid)
    {
        var outcome = await _probe.AttemptAsync(Tls(GrpcFault.NotServing), Grpc(tls: true, insecure: true, serverName: serverName, conditions: ["[GRPC_STATUS] == NOT_SERVING"]));

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal("NOT_SERVING", outcome.Facts.GrpcStatus);
        Assert.Equal("127.0.0.1", outcome.Facts.Ip); // serverName names the certificate, never where to connect
        Assert.Equal(hostnameValid, outcome.Facts.CertificateHostnameValid);
        Assert.False(outcome.Facts.CertificateChainValid);
        Assert.Matches(@"^TLSv1\.[23]$", outcome.Facts.TlsVersion);
        ProbeKit.AssertExpiresIn(TimeSpan.FromDays(30), outcome.Facts.CertificateExpiration);
    }

    [Fact]
    public async Task Tls_status_faults_answer_as_over_h2c()
    {
        var unknown = await _probe.AttemptAsync(Tls(GrpcFault.ServiceUnknown), Grpc(tls: true, insecure: true));
        var serving = await _probe.AttemptAsync(Tls(GrpcFault.Serving), Grpc(tls: true, insecure: true));

        Assert.Equal("SERVICE_UNKNOWN", unknown.Facts.GrpcStatus);
        Assert.False(unknown.Error!.Transient);
        Assert.True(serving.Ok, serving.Error?.Message);
    }

    [Fact]
    public async Task The_wrong_transport_fails()
    {
        var clearToTls = await _probe.AttemptAsync(Tls(GrpcFault.Serving), Grpc());
        var tlsToClear = await _probe.AttemptAsync(H2c(GrpcFault.Serving), Grpc(tls: true, insecure: true));

        Assert.False(clearToTls.Ok);
        Assert.Null(clearToTls.Facts.GrpcStatus);
        Assert.False(tlsToClear.Ok);
        Assert.Null(tlsToClear.Facts.GrpcStatus);
    }

    [Fact]
    public async Task Every_connection_goes_through_the_policy()
    {
        // The simulator's live port, under a policy that does not allow loopback: the call never leaves.
        var strict = new GrpcProbe(ProbeKit.Connector(new TargetPolicy(allow: ["10.0.0.0/8"])));

        var local = await strict.AttemptAsync(H2c(GrpcFault.Serving), Grpc());
        var remote = await _prober.CheckAsync(ProbeKit.Task("10.1.2.3:50051", Grpc()), ProbeFixtures.Options(attempts: 3));

        Assert.Equal(ErrorKind.Denied, local.Error?.Kind);
        Assert.Contains("127.0.0.1", local.Error!.Message);
        Assert.False(local.Facts.Connected);
        Assert.Equal(ErrorKind.Denied, remote.Error?.Kind);
        Assert.Equal(1, remote.Attempts);
    }
}
