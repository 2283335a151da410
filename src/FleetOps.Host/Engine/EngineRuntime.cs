using FleetOps.Workflows.Hosting;
using DurableTask.AzureStorage;
using DurableTask.Core;
using FleetOps.Core;
using FleetOps.Workflows.Storage;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;

namespace FleetOps.Host.Engine;

/// <summary>
/// The durable engine the self-host runs: DurableTask.AzureStorage (the provider and storage layout Durable Functions
/// uses) with every workflow in <see cref="WorkflowCatalog"/> registered through the SDK shims. Several processes on
/// one storage account share the work through the engine's partition leases.
/// </summary>
public sealed class EngineRuntime : IHostedService, IAsyncDisposable
{
    private readonly ILogger<EngineRuntime> _logger;
    private readonly TaskHubWorker _worker;
    private readonly EngineSettings _settings;

    public EngineRuntime(StorageClients storage, HostJson hostJson, WorkflowRegistry workflows, IOptions<EngineOverrides> overrides, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        _logger = loggerFactory.CreateLogger<EngineRuntime>();
        _settings = overrides.Value.Apply(hostJson.Engine);
        var connectionString = storage.ConnectionString
            ?? throw new InvalidOperationException("The self-host's engine needs AzureWebJobsStorage as a connection string.");
        Service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = _settings.HubName,
            PartitionCount = _settings.PartitionCount,
            MaxConcurrentTaskActivityWorkItems = _settings.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = _settings.MaxConcurrentOrchestrations,
            // Short visibility timeouts and leases: after a kill -9 another (or the restarted) process picks the
            // work up within about a minute instead of the 5-minute defaults.
            ControlQueueVisibilityTimeout = _settings.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = _settings.WorkItemQueueVisibilityTimeout,
            LeaseInterval = overrides.Value.LeaseInterval,
            LeaseRenewInterval = overrides.Value.LeaseRenewInterval,
            MaxQueuePollingInterval = overrides.Value.MaxQueuePollingInterval,
            WorkerId = overrides.Value.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}",
            LoggerFactory = loggerFactory,
        });

        Converter = new JsonDataConverter(FleetOpsJson.Options);
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = Converter }, loggerFactory);
        _worker = new TaskHubWorker(Service, loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        _worker.AddTaskOrchestrations(workflows.Orchestrators.Select(o => (ObjectCreator<TaskOrchestration>)new OrchestratorCreator(o.Key, o.Value, services, shims)).ToArray());
        _worker.AddTaskActivities(workflows.Activities.Select(a => (ObjectCreator<DurableTask.Core.TaskActivity>)new ActivityCreator(a.Key, a.Value, services, shims)).ToArray());
        RegisteredOrchestrations = [.. workflows.Orchestrators.Keys];
        RegisteredActivities = [.. workflows.Activities.Keys];
        Client = new EngineDurableTaskClient(_settings.HubName, Service, Service, Service, Converter);
    }

    public AzureStorageOrchestrationService Service { get; }
    public IReadOnlyList<string> RegisteredOrchestrations { get; }
    public IReadOnlyList<string> RegisteredActivities { get; }
    public JsonDataConverter Converter { get; }
    public EngineDurableTaskClient Client { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Service.CreateIfNotExistsAsync().ConfigureAwait(false);
        await _worker.StartAsync().ConfigureAwait(false);
        _logger.LogInformation("Engine started: task hub {Hub}, {Partitions} partitions, {Activities} activity slots, visibility {Visibility}",
            _settings.HubName, _settings.PartitionCount, _settings.MaxConcurrentActivities, _settings.WorkItemQueueVisibilityTimeout);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _worker.StopAsync(isForced: false).ConfigureAwait(false);
        _logger.LogInformation("Engine stopped");
    }

    public async ValueTask DisposeAsync()
    {
        _worker.Dispose();
        await Task.CompletedTask.ConfigureAwait(false);
    }
}

/// <summary>Configuration section <c>FleetOps:Engine</c>: self-host-only knobs and per-process overrides of host.json.</summary>
public sealed class EngineOverrides
{
    public string? HubName { get; set; }
    public int? PartitionCount { get; set; }
    public int? MaxConcurrentActivities { get; set; }
    public string? WorkerId { get; set; }
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    public EngineSettings Apply(EngineSettings settings) => settings with
    {
        HubName = HubName ?? settings.HubName,
        PartitionCount = PartitionCount ?? settings.PartitionCount,
        MaxConcurrentActivities = MaxConcurrentActivities ?? settings.MaxConcurrentActivities,
    };
}
