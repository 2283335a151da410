using FleetOps.Functions;
using FleetOps.Probing.Telemetry;
using FleetOps.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace FleetOps.Functions.Tests;

/// <summary>The Functions app's telemetry wiring, built as Program builds it, exporting to a local OTLP/HTTP receiver.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_set_the_functions_app_exports_FleetOps_spans_with_their_run_and_batch()
    {
        await using var collector = await NotificationReceiver.StartAsync();
        collector.Respond = _ => (200, "", TimeSpan.Zero);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseUrl,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddFleetOpsTelemetry(configuration);
        await using var provider = services.BuildServiceProvider();
        var tracer = provider.GetRequiredService<TracerProvider>();

        var runId = "trace-" + Guid.NewGuid().ToString("N")[..8];
        using (FleetOpsTracing.StartBatch("sweep batch", runId, 3)) { }
        Assert.True(tracer.ForceFlush(10_000));

        var spans = collector.On("/v1/traces").SelectMany(r => OtlpSpans.Read(r.Body)).ToList();
        var batch = Assert.Single(spans, s => s.Attribute("fleetops.run_id") == runId);
        Assert.Equal(("FleetOps", "sweep batch", "3"), (batch.Scope, batch.Name, batch.Attribute("fleetops.batch")));
    }
}
