using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using CorePurgeResult = DurableTask.Core.PurgeResult;
using SdkOrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using SdkPurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace FleetOps.Host.Engine;

/// <summary>
/// The Durable Task SDK's client, implemented directly over the engine's orchestration service (DurableTask.Core), so
/// the shared handlers see the same <see cref="DurableTaskClient"/> here as in Azure Functions. Payloads go through
/// the SDK's <see cref="DataConverter"/>, the same one the worker shims use.
/// </summary>
public sealed class EngineDurableTaskClient(
    string name,
    IOrchestrationServiceClient service,
    IOrchestrationServiceQueryClient query,
    IOrchestrationServicePurgeClient purge,
    DataConverter converter) : DurableTaskClient(name)
{
    /// <summary>A run id is forever: any existing instance, whatever its state, makes a second start a duplicate.</summary>
    private static readonly OrchestrationStatus[] AllStatuses = Enum.GetValues<OrchestrationStatus>();

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public override DurableEntityClient Entities =>
        throw new NotSupportedException("FleetOps uses no durable entities; the self-host's client does not serve them.");

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var started = new ExecutionStartedEvent(-1, converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags is { } tags ? new Dictionary<string, string>(tags) : null,
        };
        var dedupe = options?.DedupeStatuses is { } statuses
            ? statuses.Select(s => Enum.Parse<OrchestrationStatus>(s, ignoreCase: true)).ToArray()
            : AllStatuses;
        // The provider's own dedupe check misses an instance that is still Pending; check first, then let it check too.
        var existing = (await service.GetOrchestrationStateAsync(instance.InstanceId, allExecutions: false).ConfigureAwait(false))?.FirstOrDefault(s => s is not null);
        if (existing is not null && dedupe.Contains(existing.OrchestrationStatus))
            throw new OrchestrationAlreadyExistsException($"An orchestration with instance id '{instance.InstanceId}' already exists ({existing.OrchestrationStatus}).");
        // A "create_orchestration" span (a child of the request's), whose context rides in the started event through
        // storage: the engine makes it the parent of the orchestration's spans, as its own client would.
        using var span = Probing.Telemetry.FleetOpsTracing.Source.StartActivity($"create_orchestration:{started.Name}", System.Diagnostics.ActivityKind.Producer);
        if (span?.Id is { } traceParent)
        {
            span.SetTag(Probing.Telemetry.FleetOpsTracing.RunIdTag, instance.InstanceId);
            started.ParentTraceContext = new DurableTask.Core.Tracing.DistributedTraceContext(traceParent, span.TraceStateString);
        }
        await service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe).ConfigureAwait(false);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName }, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return service.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(options?.Output));
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false).ConfigureAwait(false);
        var state = states?.FirstOrDefault(s => s is not null);
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(SdkOrchestrationQuery? filter = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var request = new CoreOrchestrationQuery
            {
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                RuntimeStatus = filter?.Statuses?.Select(ToCore).ToList(),
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? SdkOrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await query.GetOrchestrationWithQueryAsync(request, cancellation).ConfigureAwait(false);
            var items = result.OrchestrationState.Select(s => ToMetadata(s, request.FetchInputsAndOutputs)).ToList();
            return new Page<OrchestrationMetadata>(items, result.ContinuationToken);
        });

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
            if (metadata is not null && metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending) return metadata;
            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
            if (metadata is { IsCompleted: true }) return metadata;
            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    public override async Task<SdkPurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return ToSdk(await purge.PurgeInstanceStateAsync(instanceId).ConfigureAwait(false));
    }

    public override async Task<SdkPurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var coreFilter = new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            filter.Statuses?.Select(ToCore));
        return ToSdk(await purge.PurgeInstanceStateAsync(coreFilter).ConfigureAwait(false));
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        return service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withPayloads) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            RuntimeStatus = ToSdk(state.OrchestrationStatus),
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = withPayloads ? state.Input : null,
            SerializedOutput = withPayloads ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = ToSdk(state.FailureDetails) ?? FailureFromOutput(state),
            Tags = state.Tags is { } tags ? new Dictionary<string, string>(tags) : new Dictionary<string, string>(),
            DataConverter = converter,
        };

    private static TaskFailureDetails? ToSdk(FailureDetails? details) => details is null
        ? null
        : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToSdk(details.InnerFailure), details.Properties);

    /// <summary>
    /// DurableTask.AzureStorage keeps a failed orchestration's error as its output ("Type: message") rather than in
    /// <see cref="OrchestrationState.FailureDetails"/>; Durable Functions' client returns it as failure details.
    /// </summary>
    private static TaskFailureDetails? FailureFromOutput(OrchestrationState state)
    {
        if (state.OrchestrationStatus != OrchestrationStatus.Failed || string.IsNullOrEmpty(state.Output)) return null;
        var colon = state.Output.IndexOf(": ", StringComparison.Ordinal);
        var type = colon > 0 && !state.Output[..colon].Contains(' ', StringComparison.Ordinal) ? state.Output[..colon] : "Failure";
        var message = type == "Failure" ? state.Output : state.Output[(colon + 2)..];
        return new TaskFailureDetails(type, message, null, null, null);
    }

    private static SdkPurgeResult ToSdk(CorePurgeResult result) => new(result.DeletedInstanceCount, result.IsComplete);

    private static OrchestrationRuntimeStatus ToSdk(OrchestrationStatus status) => (OrchestrationRuntimeStatus)(int)status;

    private static OrchestrationStatus ToCore(OrchestrationRuntimeStatus status) => (OrchestrationStatus)(int)status;
}
