using System.Net;
using System.Net.Sockets;
using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;

namespace FleetOps.Probing.Tests.Support;

internal static class ProbeFixtures
{
    /// <summary>Allows loopback only (and still denies the defaults).</summary>
    public static TargetPolicy LoopbackOnly() => new(allow: ["127.0.0.0/8", "::1/128"]);

    /// <summary>Generous per-attempt timeout for checks that are expected to answer.</summary>
    public static ProbeOptions Options(int attempts = 1, int timeoutMs = 10_000, int concurrency = 8, int backoffMs = 10) =>
        new() { Attempts = attempts, TimeoutMs = timeoutMs, Concurrency = concurrency, RetryBackoffMs = backoffMs };

    public static ProbeTask Tcp(string address, int? port = null, string name = "node") =>
        new(new Target(name, address), [new TcpCheck { Port = port }]);

    public static ProbeTask Http(string address, string? path = null, IReadOnlyList<int>? expect = null, int? timeoutMs = null, string name = "node") =>
        new(new Target(name, address), [new HttpCheck { Path = path, ExpectStatus = expect, TimeoutMs = timeoutMs }]);

    public static async Task<CheckResult> CheckAsync(this FleetProber prober, ProbeTask task, ProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await prober.ProbeTargetAsync(task, options ?? Options(), cancellationToken);
        return Assert.Single(result.Checks);
    }

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    public static int ClosedPort(IPAddress? address = null)
    {
        var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static TcpListener Listen(IPAddress? address = null)
    {
        var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    public static int Port(this TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;
}
