using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace FleetOps.Workflows.Storage;

/// <summary>
/// Counts every storage request a client sends, each retry included (a billed transaction is a request sent, not an
/// operation asked for), as <c>fleetops.storage.requests</c> (<c>fleetops_storage_requests_total</c> on /metrics)
/// tagged by <c>service</c> (blob, queue, table) and <c>client</c> (app: our stores; engine: DurableTask.AzureStorage).
/// It sits in the clients' pipelines, so nothing outside storage needs to report it.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    public const string InstrumentName = "fleetops.storage.requests";
    public const string App = "app", Engine = "engine";

    // The FleetOps meter by name: the /metrics export subscribes by name, and storage clients are built before DI's meter factory exists.
    private static readonly Meter Meter = new(Telemetry.FleetOpsMetrics.MeterName);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(InstrumentName, "{request}",
        "Storage requests sent (each retry counted), by service and by client: app (FleetOps' stores) or engine (DurableTask.AzureStorage)");

    private readonly KeyValuePair<string, object?>[] _tags;

    private StorageRequestCounter(string service, string client) => _tags = [new("service", service), new("client", client)];

    /// <summary>Adds a counter for <paramref name="service"/> requests to <paramref name="options"/> (per try: retries count).</summary>
    public static T Attach<T>(T options, string service, string client) where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(new StorageRequestCounter(service, client), HttpPipelinePosition.PerRetry);
        return options;
    }

    public override void OnSendingRequest(HttpMessage message) => Requests.Add(1, _tags);
}
