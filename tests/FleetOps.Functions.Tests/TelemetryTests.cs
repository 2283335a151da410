using FleetOps.Api;
using FleetOps.Functions;
using FleetOps.Probing.Telemetry;
using FleetOps.Workflows.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using FleetOps.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FleetOps.Functions.Tests;

/// <summary>
/// The telemetry tests build the process-wide OpenTelemetry providers: one such set at a time, as a real process has
/// (with a second set built beside it, the first one's receiver got no spans).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry providers";
}

/// <summary>The Functions app's telemetry wiring, built as Program builds it, exporting to a local OTLP/HTTP receiver.</summary>
[Collection(TelemetryCollection.Name)]
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

/// <summary>GetMetrics, the trigger method itself, over the Functions app's services as Program registers them.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsFunctionTests
{
    [Fact]
    public async Task The_metrics_function_serves_this_instance_s_FleetOps_meter_in_Prometheus_text()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddFleetOpsApi(configuration);
        services.AddFleetOpsTelemetry(configuration);
        await using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<MeterProvider>();
        var metrics = provider.GetRequiredService<FleetOpsMetrics>();
        metrics.RunStarted("sweep");
        metrics.RunStarted("sweep");
        metrics.RunStarted("rollout");

        var context = new DefaultHttpContext { RequestServices = provider };
        context.Response.Body = new MemoryStream();
        var result = new OpenApiHttpFunctions().GetMetrics(context.Request);
        await result.ExecuteResultAsync(new ActionContext { HttpContext = context });

        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Equal(200, context.Response.StatusCode);
        Assert.StartsWith("text/plain", context.Response.ContentType);
        Assert.Equal("nosniff", context.Response.Headers["X-Content-Type-Options"]);
        // The exporter adds its scope labels beside ours: find the series by its kind.
        var sweeps = Assert.Single(text.Split('\n'), l => l.StartsWith("fleetops_runs_started_total{", StringComparison.Ordinal) && l.Contains("kind=\"sweep\"", StringComparison.Ordinal));
        Assert.Equal("2", sweeps.Split(' ')[1]);
    }
}
