using System.Diagnostics;

namespace FleetOps.Probing.Telemetry;

/// <summary>
/// FleetOps' spans (ActivitySource <c>FleetOps</c>): a batch span per probe activity and a span per target probed,
/// children of the engine's activity span, so a trace runs from the HTTP request through the orchestration to each
/// probe. Nothing is created unless a tracer listens (no OTLP endpoint configured: no cost beyond a null check).
/// </summary>
public static class FleetOpsTracing
{
    public const string SourceName = "FleetOps";

    /// <summary>The engine's own source (DurableTask.Core): orchestration and activity spans.</summary>
    public const string EngineSourceName = "DurableTask.Core";

    public static readonly ActivitySource Source = new(SourceName);

    public const string RunIdTag = "fleetops.run_id";
    public const string BatchTag = "fleetops.batch";
    public const string TargetTag = "fleetops.target";
    public const string AddressTag = "fleetops.target.address";
    public const string OkTag = "fleetops.ok";
    public const string ErrorKindTag = "fleetops.error_kind";

    /// <summary>A span over one batch of a run (a sweep, a monitor cycle, a rollout gate), named for the work.</summary>
    public static Activity? StartBatch(string name, string runId, int batchIndex)
    {
        var span = Source.StartActivity(name, ActivityKind.Internal);
        if (span is null) return null;
        span.SetTag(RunIdTag, runId);
        span.SetTag(BatchTag, batchIndex);
        return span;
    }
}
