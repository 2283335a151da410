using System.Globalization;
using FleetOps.Simulator;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// A simulated fleet exporting <c>http_requests_total</c> on its control port, a real Prometheus scraping it every
/// second, and a self-host whose <c>FleetOps:Prometheus:Url</c> points at that Prometheus (which a test may stop and
/// start again on the same port).
/// </summary>
public sealed class PrometheusGateEnvironment : SelfHostEnvironment
{
    private readonly int _prometheusPort = FreePorts.Next();

    public SimulatedFleet Fleet { get; private set; } = null!;
    public PrometheusServer? Prometheus { get; private set; }

    protected override IDictionary<string, string?> HostEnvironment => new Dictionary<string, string?>
    {
        ["FleetOps__Prometheus__Url"] = $"http://127.0.0.1:{_prometheusPort.ToString(CultureInfo.InvariantCulture)}",
        ["FleetOps__Prometheus__TimeoutMs"] = "3000",
    };

    public override async Task InitializeAsync()
    {
        Fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 4, ControlPort = 0, NamePrefix = $"p{Guid.NewGuid().ToString("N")[..6]}-" });
        await StartPrometheusAsync();
        await UntilPrometheusSeesAsync($"count(rate(http_requests_total{{code=\"500\"}}[5s])) == {Fleet.Nodes.Count}");
        await base.InitializeAsync();
    }

    public async Task StartPrometheusAsync() => Prometheus = await PrometheusServer.StartAsync(Fleet.ControlAddress!, port: _prometheusPort);

    public async Task StopPrometheusAsync()
    {
        if (Prometheus is not null) await Prometheus.DisposeAsync();
        Prometheus = null;
    }

    /// <summary>Waits until a PromQL filter expression returns a sample (Prometheus has scraped what the test set).</summary>
    public async Task UntilPrometheusSeesAsync(string promql, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while ((await Prometheus!.QueryAsync(promql)).Count == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Prometheus did not see {promql} within {seconds} s: {await Prometheus.TargetHealthAsync()}");
            await Task.Delay(250);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await StopPrometheusAsync();
        if (Fleet is not null) await Fleet.DisposeAsync();
    }
}
