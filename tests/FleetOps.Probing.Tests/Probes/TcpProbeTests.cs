using System.Net;
using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

public sealed class TcpProbeTests : IDisposable
{
    private readonly FleetProber _prober = new(TargetPolicy.Default);

    public void Dispose() => _prober.Dispose();

    [Fact]
    public async Task Open_port_is_ok_on_the_first_attempt()
    {
        var listener = ProbeFixtures.Listen();
        try
        {
            var check = await _prober.CheckAsync(ProbeFixtures.Tcp($"127.0.0.1:{listener.Port()}"), ProbeFixtures.Options(attempts: 3));

            Assert.True(check.Ok, check.Error?.Message);
            Assert.Equal("tcp", check.Kind);
            Assert.Equal(1, check.Attempts);
            Assert.True(check.LatencyMs > 0);
            Assert.Null(check.Error);
            Assert.Null(check.Status);
            Assert.True(listener.Pending(), "the listener saw no connection");
        }
        finally { listener.Stop(); }
    }

    [Fact]
    public async Task Port_on_the_check_overrides_the_address()
    {
        var listener = ProbeFixtures.Listen();
        try
        {
            var check = await _prober.CheckAsync(ProbeFixtures.Tcp($"127.0.0.1:{ProbeFixtures.ClosedPort()}", port: listener.Port()));

            Assert.True(check.Ok, check.Error?.Message);
            Assert.Equal($"tcp:{listener.Port()}", check.Check);
        }
        finally { listener.Stop(); }
    }

    [Fact]
    public async Task Address_without_port_uses_the_check_port()
    {
        var listener = ProbeFixtures.Listen();
        try
        {
            var check = await _prober.CheckAsync(ProbeFixtures.Tcp("127.0.0.1", port: listener.Port()));
            Assert.True(check.Ok, check.Error?.Message);
        }
        finally { listener.Stop(); }
    }

    [Fact]
    public async Task Empty_bracketed_host_is_not_this_machine()
    {
        // "" resolves to the local machine's own addresses: "[]" must fail, not probe this host.
        var listener = ProbeFixtures.Listen();
        try
        {
            var check = await _prober.CheckAsync(ProbeFixtures.Tcp("[]", port: listener.Port()));

            Assert.False(check.Ok);
            Assert.False(listener.Pending(), "the probe reached this machine");
        }
        finally { listener.Stop(); }
    }

    [Fact]
    public async Task Closed_port_is_refused()
    {
        var check = await _prober.CheckAsync(ProbeFixtures.Tcp($"127.0.0.1:{ProbeFixtures.ClosedPort()}"));

        Assert.False(check.Ok);
        Assert.Equal(ErrorKind.Refused, check.Error?.Kind);
        Assert.True(check.Error!.Transient);
        Assert.Equal(1, check.Attempts);
        Assert.Contains("target 'node'", check.Error.Message);
        Assert.Contains("attempt 1", check.Error.Message);
    }

    [Fact]
    public async Task Ipv6_loopback_in_brackets()
    {
        var listener = ProbeFixtures.Listen(IPAddress.IPv6Loopback);
        try
        {
            var check = await _prober.CheckAsync(ProbeFixtures.Tcp($"[::1]:{listener.Port()}"));
            Assert.True(check.Ok, check.Error?.Message);
        }
        finally { listener.Stop(); }
    }

    [Fact]
    public async Task Results_come_back_in_task_order()
    {
        var listener = ProbeFixtures.Listen();
        try
        {
            var closed = ProbeFixtures.ClosedPort();
            var tasks = Enumerable.Range(0, 20)
                .Select(i => ProbeFixtures.Tcp($"127.0.0.1:{(i % 3 == 0 ? closed : listener.Port())}", name: $"n{i}"))
                .ToList();

            var results = await _prober.ProbeAsync(tasks, ProbeFixtures.Options(concurrency: 6), CancellationToken.None);

            Assert.Equal(tasks.Select(t => t.Target.Name), results.Select(r => r.Name));
            Assert.Equal(tasks.Select(t => t.Target.Address), results.Select(r => r.Address));
            for (var i = 0; i < results.Length; i++)
            {
                Assert.Equal(i % 3 != 0, results[i].Ok);
                Assert.Equal(i % 3 == 0 ? ErrorKind.Refused : null, results[i].Error?.Kind);
            }
        }
        finally { listener.Stop(); }
    }

    [Fact]
    public async Task Target_is_ok_only_when_every_check_passes_and_reports_the_first_failure()
    {
        var listener = ProbeFixtures.Listen();
        try
        {
            var closed = ProbeFixtures.ClosedPort();
            var labels = new Dictionary<string, string> { ["rack"] = "r1" };
            var task = new ProbeTask(new Target("db-1", "127.0.0.1", labels),
            [
                new TcpCheck { Port = listener.Port() },
                new TcpCheck { Port = closed },
                new TcpCheck { Port = listener.Port() },
            ]);

            var result = await _prober.ProbeTargetAsync(task, ProbeFixtures.Options(), CancellationToken.None);

            Assert.False(result.Ok);
            Assert.Equal([true, false, true], result.Checks.Select(c => c.Ok));
            Assert.Equal(ErrorKind.Refused, result.Error?.Kind);
            Assert.Contains($"tcp:{closed}", result.Error!.Message);
            Assert.Equal("r1", result.Labels!["rack"]);
            Assert.Equal(Math.Round(result.Checks.Sum(c => c.LatencyMs), 3), result.LatencyMs);
        }
        finally { listener.Stop(); }
    }
}
