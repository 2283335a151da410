using FleetOps.Simulator;
using FleetOps.Testing;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>The self-host's spans and metrics reach a local OTLP/HTTP receiver, as they would an OpenTelemetry Collector.</summary>
public sealed class TracingTests(TracingTests.Environment env, ITestOutputHelper output) : IClassFixture<TracingTests.Environment>
{
    /// <summary>A receiver started before the host, so the host's OTLP endpoint can name its port.</summary>
    public sealed class Environment : SelfHostEnvironment
    {
        public NotificationReceiver Collector { get; private set; } = null!;

        protected override IDictionary<string, string?> HostEnvironment => new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.BaseUrl,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["OTEL_SERVICE_NAME"] = "fleetops-e2e",
        };

        public override async Task InitializeAsync()
        {
            Collector = await NotificationReceiver.StartAsync();
            Collector.Respond = _ => (200, "", TimeSpan.Zero);
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (Collector is not null) await Collector.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_sweeps_trace_runs_from_the_http_request_through_the_orchestration_and_its_batches_to_each_probe_and_no_path_secret_is_traced()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 6, Down = 0.34 });
        var id = await env.Api.StartSweepAsync(NamedSweep.Json(fleet.Nodes, new { timeoutMs = 3000, batchSize = 3 }));
        Assert.Equal("Completed", (await env.Api.WaitForRunAsync(id, TimeSpan.FromMinutes(2)))["runtimeStatus"]!.GetValue<string>());

        // A heartbeat's token is its secret: its request's span must name the route, never the path.
        var token = "tok" + Guid.NewGuid().ToString("N");
        (await env.Api.Http.PostAsync($"/api/heartbeats/{token}", null)).Dispose();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var spans = env.Collector.On("/v1/traces").SelectMany(r => OtlpSpans.Read(r.Body)).ToList();
            var probes = spans.Where(s => s.Scope == "FleetOps" && s.Name == "probe" && fleet.Nodes.Any(n => n.Name == s.Attribute("fleetops.target"))).ToList();
            var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
            var chains = probes.Select(p => Ancestors(p, byId)).ToList();
            // The metrics go the same way: the FleetOps meter's instruments by name in an OTLP metrics export.
            var metrics = env.Collector.On("/v1/metrics").Any(r => r.Text.Contains("fleetops.probe.targets", StringComparison.Ordinal));
            var beat = spans.FirstOrDefault(s => s.Attribute("http.route")?.Contains("heartbeats", StringComparison.Ordinal) == true);
            if (probes.Count == fleet.Nodes.Count && chains.All(c => c[^1].Scope == "Microsoft.AspNetCore") && metrics && beat is not null)
            {
                Assert.DoesNotContain(spans, s => s.Name.Contains(token, StringComparison.Ordinal) || s.Attributes.Values.Any(v => v.Contains(token, StringComparison.Ordinal)));
                foreach (var (probe, chain) in probes.Zip(chains))
                {
                    output.WriteLine(string.Join(" <- ", chain.Select(s => $"{s.Scope}:{s.Name}")));
                    Assert.All(chain, s => Assert.Equal(probe.TraceId, s.TraceId));
                    // The request that started the run, its start span, the engine's spans, then the batch that probed it.
                    Assert.Equal("POST", chain[^1].Attribute("http.request.method"));
                    Assert.EndsWith("api/sweeps", chain[^1].Attribute("http.route"));
                    Assert.Contains(chain, s => s.Name.StartsWith("create_orchestration:", StringComparison.Ordinal) && s.Attribute("fleetops.run_id") == id);
                    Assert.Contains(chain, s => s.Scope == "DurableTask.Core");
                    var batch = Assert.Single(chain, s => s.Name == "sweep batch");
                    Assert.Equal(id, batch.Attribute("fleetops.run_id"));
                    Assert.NotNull(batch.Attribute("fleetops.batch"));
                }
                var failed = probes.Where(p => p.Attribute("fleetops.ok") == "false").Select(p => p.Attribute("fleetops.target")).Order();
                Assert.Equal(fleet.Nodes.Where(n => n.Fault == NodeFault.Down).Select(n => n.Name).Order(), failed);
                return;
            }
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"metrics received: {metrics}; heartbeat span: {beat is not null}; {probes.Count} of {fleet.Nodes.Count} probe spans, chains: " +
                    string.Join(" | ", chains.Select(c => string.Join(" <- ", c.Select(s => $"{s.Scope}:{s.Name}")))) +
                    $"; all spans: {string.Join(", ", spans.Select(s => $"{s.Scope}:{s.Name}").Distinct())}");
            await Task.Delay(500);
        }
    }

    /// <summary>The span and its parents, nearest first, as far as the received spans go.</summary>
    private static List<ReceivedSpan> Ancestors(ReceivedSpan span, IReadOnlyDictionary<string, ReceivedSpan> byId)
    {
        var chain = new List<ReceivedSpan> { span };
        while (chain[^1].ParentSpanId is { Length: > 0 } parent && byId.TryGetValue(parent, out var next) && chain.Count < 50)
            chain.Add(next);
        return chain;
    }
}
