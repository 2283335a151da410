using DurableTask.AzureStorage;
using DurableTask.Core;
using FleetOps.Core;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Storage;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;

namespace FleetOps.Host.Engine;

/// <summary>
/// Builds the engine's parts from validated settings: orchestration services on DurableTask.AzureStorage (one for the
/// client, a fresh one for every worker, so a recycled worker starts with no in-memory state) and workers with every
/// registered workflow behind the SDK shims.
/// </summary>
public sealed class EngineFactory
{
    private readonly IOptions<StorageOptions> _storage;
    private readonly EngineOverrides _overrides;
    private readonly WorkflowRegistry _workflows;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly DurableTaskShimFactory _shims;

    public EngineFactory(IOptions<StorageOptions> storage, HostJson hostJson, WorkflowRegistry workflows, IOptions<EngineOverrides> overrides,
        IServiceProvider services, ILoggerFactory loggerFactory)
    {
        _storage = storage;
        _overrides = overrides.Value;
        _workflows = workflows;
        _services = services;
        _loggerFactory = loggerFactory;
        Settings = _overrides.Apply(hostJson.Engine);
        Converter = new JsonDataConverter(FleetOpsJson.Options);
        _shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = Converter }, loggerFactory);
    }

    public EngineSettings Settings { get; }
    public JsonDataConverter Converter { get; }
    public TimeSpan StopTimeout => _overrides.StopTimeout;

    public AzureStorageOrchestrationService CreateService() => new(new AzureStorageOrchestrationServiceSettings
    {
        StorageAccountClientProvider = ClientProvider(_storage.Value),
        TaskHubName = Settings.HubName,
        PartitionCount = Settings.PartitionCount,
        MaxConcurrentTaskActivityWorkItems = Settings.MaxConcurrentActivities,
        MaxConcurrentTaskOrchestrationWorkItems = Settings.MaxConcurrentOrchestrations,
        // Short visibility timeouts and leases: after a kill -9 another (or the restarted) process picks the
        // work up within seconds instead of the 5-minute defaults (docs/recovery.md has the trade-off).
        ControlQueueVisibilityTimeout = Settings.ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = Settings.WorkItemQueueVisibilityTimeout,
        LeaseInterval = _overrides.LeaseInterval,
        LeaseRenewInterval = _overrides.LeaseRenewInterval,
        LeaseAcquireInterval = _overrides.LeaseAcquireInterval,
        UseTablePartitionManagement = _overrides.UseTablePartitionManagement ?? new AzureStorageOrchestrationServiceSettings().UseTablePartitionManagement,
        MaxQueuePollingInterval = _overrides.MaxQueuePollingInterval,
        WorkerId = _overrides.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}",
        LoggerFactory = _loggerFactory,
    });

    public TaskHubWorker CreateWorker(AzureStorageOrchestrationService service)
    {
        var worker = new TaskHubWorker(service, _loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(_workflows.Orchestrators.Select(o => (ObjectCreator<TaskOrchestration>)new OrchestratorCreator(o.Key, o.Value, _services, _shims)).ToArray());
        worker.AddTaskActivities(_workflows.Activities.Select(a => (ObjectCreator<DurableTask.Core.TaskActivity>)new ActivityCreator(a.Key, a.Value, _services, _shims)).ToArray());
        return worker;
    }

    // With a connection string, the engine's clients count their requests too (fleetops_storage_requests_total{client="engine"}).
    private static StorageAccountClientProvider ClientProvider(StorageOptions storage) => storage.UsesConnectionString
        ? new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(storage.ConnectionString!, StorageRequestCounter.Attach(new Azure.Storage.Blobs.BlobClientOptions(), "blob", StorageRequestCounter.Engine)),
            StorageServiceClientProvider.ForQueue(storage.ConnectionString!, StorageRequestCounter.Attach(new Azure.Storage.Queues.QueueClientOptions(), "queue", StorageRequestCounter.Engine)),
            StorageServiceClientProvider.ForTable(storage.ConnectionString!, StorageRequestCounter.Attach(new Azure.Data.Tables.TableClientOptions(), "table", StorageRequestCounter.Engine)))
        : storage.BlobServiceUri is null && storage.AccountName is { } account
            ? new StorageAccountClientProvider(account, storage.CreateCredential())
            : new StorageAccountClientProvider(storage.BlobUri!, storage.QueueUri!,
                storage.TableUri ?? throw new InvalidOperationException("AzureWebJobsStorage__tableServiceUri is required with service URIs"),
                storage.CreateCredential());
}
