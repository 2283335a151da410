using System.Text;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>tcp checks that talk: a banner to expect, a line to send, a pattern to match.</summary>
public sealed class TcpSendExpectTests : IDisposable
{
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());
    private readonly TcpProbe _probe = new(ProbeKit.Connector());

    public void Dispose() => _prober.Dispose();

    private static TcpCheck Tcp(string? send = null, string? expect = null, int? timeoutMs = null) =>
        new() { Send = send, Expect = expect, TimeoutMs = timeoutMs };

    [Fact]
    public async Task Banner_containing_expect_is_ok_and_is_the_body()
    {
        await using var server = TcpTestServer.Banner("SSH-2.0-OpenSSH_9.6\r\n", thenClose: false);

        var outcome = await _probe.AttemptAsync(server.Address, Tcp(expect: "SSH-2.0"));

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.StartsWith("SSH-2.0", outcome.Facts.Body);
        Assert.True(outcome.Facts.Connected);
        Assert.Equal("127.0.0.1", outcome.Facts.Ip);
        Assert.True(outcome.Facts.ResponseTimeMs > 0);
    }

    [Theory]
    [InlineData(@"/^SSH-\d\.\d-OpenSSH_[0-9.]+/", true)]
    [InlineData(@"/^220 /", false)]
    [InlineData("/openssh/", false)]
    public async Task Expect_written_as_slashes_is_a_regular_expression(string expect, bool ok)
    {
        await using var server = TcpTestServer.Banner("SSH-2.0-OpenSSH_9.6\r\n", thenClose: true);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Tcp(expect: expect)));

        Assert.Equal(ok, result.Ok);
        if (!ok) Assert.Equal(ErrorKind.Expect, result.Error?.Kind);
    }

    [Fact]
    public async Task Mismatch_when_the_peer_closes_is_a_permanent_expect_error_showing_what_came()
    {
        await using var server = TcpTestServer.Banner("220 smtp.test ESMTP ready\r\n", thenClose: true);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Tcp(expect: "SSH-")), ProbeFixtures.Options(attempts: 3));

        Assert.False(result.Ok);
        Assert.Equal(ErrorKind.Expect, result.Error?.Kind);
        Assert.False(result.Error!.Transient);
        Assert.Equal(1, result.Attempts);
        Assert.Contains("SSH-", result.Error.Message);
        Assert.Contains("220 smtp.test ESMTP ready", result.Error.Message);
    }

    [Fact]
    public async Task Mismatch_while_the_peer_holds_the_connection_times_out()
    {
        await using var server = TcpTestServer.Banner("+OK\r\n", thenClose: false);

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Tcp(expect: "PONG", timeoutMs: 300)));

        Assert.Equal(ErrorKind.Timeout, result.Error?.Kind);
    }

    [Fact]
    public async Task Send_with_escapes_reaches_the_server_decoded_and_the_answer_is_matched()
    {
        await using var server = TcpTestServer.Echo();

        var outcome = await _probe.AttemptAsync(server.Address, Tcp(send: @"PING\tx\r\n", expect: "echo: PING"));

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal("PING\tx\r\n", Assert.Single(server.Received));
        Assert.Equal("echo: PING\tx\r\n", outcome.Facts.Body);
    }

    [Fact]
    public async Task Send_without_expect_only_writes()
    {
        await using var server = TcpTestServer.Echo();

        var result = await _prober.CheckAsync(ProbeKit.Task(server.Address, Tcp(send: @"QUIT\n")));

        Assert.True(result.Ok, result.Error?.Message);
    }

    [Fact]
    public async Task What_is_read_is_bounded()
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'z');
        await using var server = new TcpTestServer(async (stream, ct) =>
        {
            for (var i = 0; i < 64; i++) await stream.WriteAsync(chunk, ct); // 4 MiB, never the expected text
        });

        var outcome = await _probe.AttemptAsync(server.Address, Tcp(expect: "READY"));

        Assert.Equal(ErrorKind.Expect, outcome.Error?.Kind);
        Assert.Equal(ProbeFacts.MaxBodyChars, outcome.Facts.Body!.Length);
    }

    [Fact]
    public async Task Multi_byte_text_split_across_reads_still_matches()
    {
        await using var server = new TcpTestServer(async (stream, ct) =>
        {
            var bytes = Encoding.UTF8.GetBytes("état: prêt\n");
            await stream.WriteAsync(bytes.AsMemory(0, 2), ct); // cuts 'é' in half
            await stream.FlushAsync(ct);
            await Task.Delay(50, ct);
            await stream.WriteAsync(bytes.AsMemory(2), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });

        var outcome = await _probe.AttemptAsync(server.Address, Tcp(expect: "état: prêt"));

        Assert.True(outcome.Ok, outcome.Error?.Message);
    }
}
