using System.Text;
using FleetOps.Core.Policy;
using FleetOps.Core.Results;
using FleetOps.Probing.Prometheus;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Prometheus;

/// <summary>The client against real loopback sockets: what each way of failing is classified as.</summary>
public sealed class PrometheusClientTests
{
    private static readonly TargetPolicy LoopbackOnly = new(allow: ["127.0.0.0/8"]);

    private static PrometheusClient Client(string address, TargetPolicy? policy = null, int timeoutMs = 2000) =>
        new(new Uri($"http://{address}"), policy ?? LoopbackOnly, TimeSpan.FromMilliseconds(timeoutMs));

    private static string Json(int status, string body) =>
        $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    [Fact]
    public async Task A_query_goes_to_api_v1_query_escaped_and_its_vector_is_read()
    {
        string? requestLine = null;
        await using var server = new LoopbackHttpServer(x =>
        {
            requestLine = x.RequestLine;
            return x.WriteRawAsync(Json(200, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"0.25"]}]}}"""));
        });
        using var client = Client(server.Address);
        var answer = await client.QueryAsync("sum(rate(x{node=\"a b\"}[1m]))", CancellationToken.None);
        Assert.Null(answer.Error);
        Assert.Equal([0.25], answer.Samples);
        Assert.Equal("GET /api/v1/query?query=sum%28rate%28x%7Bnode%3D%22a%20b%22%7D%5B1m%5D%29%29 HTTP/1.1", requestLine);
    }

    [Fact]
    public async Task A_refused_query_is_permanent_with_Prometheus_reason()
    {
        await using var server = new LoopbackHttpServer(x => x.WriteRawAsync(Json(400, """{"status":"error","errorType":"bad_data","error":"1:5: parse error"}""")));
        using var client = Client(server.Address);
        var error = (await client.QueryAsync("up{", CancellationToken.None)).Error!;
        Assert.False(error.Transient);
        Assert.Contains("bad_data: 1:5: parse error", error.Message);
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(404, false)]
    [InlineData(401, false)]
    public async Task Other_statuses_are_classified(int status, bool transient)
    {
        await using var server = LoopbackHttpServer.Status(status);
        using var client = Client(server.Address);
        var error = (await client.QueryAsync("up", CancellationToken.None)).Error!;
        Assert.Equal(ErrorKind.HttpStatus, error.Kind);
        Assert.Equal(transient, error.Transient);
        Assert.Contains($"status {status}", error.Message);
    }

    [Fact]
    public async Task Unreachable_and_silent_servers_are_transient_and_a_denied_one_gets_no_packet()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)) { listener.Start(); port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port; }
        using var refused = Client($"127.0.0.1:{port}");
        var unreachable = (await refused.QueryAsync("up", CancellationToken.None)).Error!;
        Assert.True(unreachable.Transient);
        Assert.Contains("is unreachable", unreachable.Message);

        await using var hanging = new LoopbackHttpServer(x => x.HangAsync());
        using var slow = Client(hanging.Address, timeoutMs: 200);
        var timeout = (await slow.QueryAsync("up", CancellationToken.None)).Error!;
        Assert.Equal(ErrorKind.Timeout, timeout.Kind);
        Assert.True(timeout.Transient);

        await using var server = LoopbackHttpServer.Status(200);
        using var denied = Client(server.Address, new TargetPolicy(deny: ["127.0.0.0/8"]));
        var denial = (await denied.QueryAsync("up", CancellationToken.None)).Error!;
        Assert.Equal(ErrorKind.Denied, denial.Kind);
        Assert.False(denial.Transient);
        Assert.Equal(0, server.Connections);
    }
}
