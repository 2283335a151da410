using FleetOps.Core.Checks;
using FleetOps.Core.Results;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>The grpc check kind against answers a health service does not give when well: call failures, UNKNOWN, too big.</summary>
public sealed class GrpcAnswerTests
{
    private readonly GrpcProbe _probe = new(ProbeKit.Connector());

    [Theory]
    [InlineData(12, ErrorKind.Other, false, "does not serve grpc.health.v1.Health")] // UNIMPLEMENTED: no health service
    [InlineData(7, ErrorKind.Other, false, "PermissionDenied")]
    [InlineData(16, ErrorKind.Other, false, "Unauthenticated")]
    [InlineData(4, ErrorKind.Timeout, true, "DeadlineExceeded")]
    [InlineData(14, ErrorKind.Other, true, "Unavailable")]
    public async Task A_call_that_fails_is_classified_by_its_status_code(int grpcStatus, ErrorKind kind, bool transient, string said)
    {
        await using var server = await GrpcTestServer.StartAsync(grpcStatus);

        var outcome = await _probe.AttemptAsync(server.Address, new GrpcCheck());

        Assert.Equal(kind, outcome.Error?.Kind);
        Assert.Equal(transient, outcome.Error!.Transient);
        Assert.Contains(said, outcome.Error.Message);
        Assert.Contains($"http://127.0.0.1:", outcome.Error.Message);
        Assert.Null(outcome.Facts.GrpcStatus);
        Assert.True(outcome.Facts.Connected);
    }

    [Fact]
    public async Task An_unknown_serving_status_fails_and_is_retried()
    {
        await using var server = await GrpcTestServer.StartAsync(0, new HealthCheckResponse { Status = ServingStatus.Unknown });

        var outcome = await _probe.AttemptAsync(server.Address, new GrpcCheck { Service = "a.B" });

        Assert.Equal("UNKNOWN", outcome.Facts.GrpcStatus);
        Assert.Equal(ErrorKind.GrpcStatus, outcome.Error?.Kind);
        Assert.True(outcome.Error!.Transient);
        Assert.Contains("service 'a.B' is UNKNOWN", outcome.Error.Message);
    }

    [Fact]
    public async Task An_answer_bigger_than_a_health_answer_is_not_read()
    {
        await using var server = await GrpcTestServer.StartAsync(0, new HealthCheckResponse { Status = ServingStatus.Serving }, padTo: 64 * 1024);

        var outcome = await _probe.AttemptAsync(server.Address, new GrpcCheck());

        Assert.False(outcome.Ok);
        Assert.Null(outcome.Facts.GrpcStatus);
        Assert.Contains("ResourceExhausted", outcome.Error!.Message);
    }

    [Fact]
    public async Task The_padded_answer_is_read_when_it_fits()
    {
        // The oversized test's control: the same framing, small enough, is a SERVING answer.
        await using var server = await GrpcTestServer.StartAsync(0, new HealthCheckResponse { Status = ServingStatus.Serving }, padTo: 1024);

        var outcome = await _probe.AttemptAsync(server.Address, new GrpcCheck());

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal("SERVING", outcome.Facts.GrpcStatus);
    }
}
