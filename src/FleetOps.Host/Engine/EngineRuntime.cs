using DurableTask.AzureStorage;
using DurableTask.Core;
using FleetOps.Host.Health;
using FleetOps.Workflows.Hosting;

namespace FleetOps.Host.Engine;

/// <summary>
/// The durable engine the self-host runs: DurableTask.AzureStorage (the provider and storage layout Durable Functions
/// uses) with every workflow in the registry. The worker starts in the background and is retried with backoff while
/// storage does not answer, so the HTTP API comes up (and answers 503) during an outage. <see cref="RecycleAsync"/>
/// replaces the worker with a fresh one in-process (the watchdog's recovery). Stopping is bounded: it never outlasts
/// the host's shutdown timeout, with or without storage.
/// </summary>
public sealed class EngineRuntime : IHostedService, IRecyclableEngine, IAsyncDisposable
{
    private static readonly TimeSpan MaxStartBackoff = TimeSpan.FromSeconds(30);
    private readonly EngineFactory _factory;
    private readonly TimeProvider _time;
    private readonly ILogger<EngineRuntime> _logger;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Worker? _current;
    private Task _starting = Task.CompletedTask;

    public EngineRuntime(EngineFactory factory, TimeProvider time, ILogger<EngineRuntime> logger)
    {
        _factory = factory;
        _time = time;
        _logger = logger;
        // The client has its own service, never started: it only sends and queries, and survives every worker recycle.
        Service = factory.CreateService();
        Client = new EngineDurableTaskClient(factory.Settings.HubName, Service, Service, Service, factory.Converter);
        StateSince = time.GetUtcNow();
    }

    /// <summary>The client side's orchestration service (queries, instance control).</summary>
    public AzureStorageOrchestrationService Service { get; }
    public EngineDurableTaskClient Client { get; }
    public EngineSettings Settings => _factory.Settings;
    public EngineState State { get; private set; } = EngineState.Starting;
    public DateTimeOffset StateSince { get; private set; }

    /// <summary>How many workers have started: 1 after start-up, +1 per recycle.</summary>
    public int Generation { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(async () =>
        {
            await _lifecycle.WaitAsync(_stopping.Token).ConfigureAwait(false);
            try { await StartWorkerAsync(_stopping.Token).ConfigureAwait(false); }
            finally { _lifecycle.Release(); }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Completes once a worker runs (for tests and tools that need the engine up before they go on).</summary>
    public async Task WaitUntilRunningAsync(TimeSpan timeout)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (State != EngineState.Running)
        {
            if (_time.GetUtcNow() > deadline) throw new TimeoutException($"the engine is still {State} after {timeout}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the current worker (bounded wait for work in flight) and starts a fresh one with fresh in-memory state.</summary>
    public async Task RecycleAsync(string reason, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping.Token);
        await _lifecycle.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            _logger.LogWarning("Engine: recycling the worker ({Reason})", reason);
            SetState(EngineState.Recycling);
            if (Interlocked.Exchange(ref _current, null) is { } old) await StopWorkerAsync(old, linked.Token).ConfigureAwait(false);
            await StartWorkerAsync(linked.Token).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        SetState(EngineState.Stopping);
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        if (Interlocked.Exchange(ref _current, null) is { } worker) await StopWorkerAsync(worker, cancellationToken).ConfigureAwait(false);
        SetState(EngineState.Stopped);
        _logger.LogInformation("Engine stopped");
    }

    private async Task StartWorkerAsync(CancellationToken ct)
    {
        var backoff = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            var service = _factory.CreateService();
            var worker = new Worker(service, _factory.CreateWorker(service));
            try
            {
                await service.CreateIfNotExistsAsync().WaitAsync(ct).ConfigureAwait(false);
                await worker.Hub.StartAsync().WaitAsync(ct).ConfigureAwait(false);
                _current = worker;
                Generation++;
                SetState(EngineState.Running);
                _logger.LogInformation("Engine started (worker {Generation}{Attempts}): task hub {Hub}, {Partitions} partitions, {Activities} activity slots, visibility {Visibility}",
                    Generation, attempt > 1 ? $", after {attempt} attempts" : "", Settings.HubName, Settings.PartitionCount, Settings.MaxConcurrentActivities, Settings.WorkItemQueueVisibilityTimeout);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                if (attempt == 1) _logger.LogWarning("Engine could not start its worker ({Error}); retrying with backoff", StorageFailures.Summary(e));
                _ = AbandonAsync(worker);
                await Task.Delay(backoff, _time, ct).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxStartBackoff.Ticks));
            }
            catch (OperationCanceledException)
            {
                _ = AbandonAsync(worker);
                throw;
            }
        }
    }

    /// <summary>Graceful stop within <see cref="EngineOverrides.StopTimeout"/> (and the caller's token); else abandoned.</summary>
    private async Task StopWorkerAsync(Worker worker, CancellationToken ct)
    {
        try
        {
            await worker.Hub.StopAsync(isForced: false).WaitAsync(_factory.StopTimeout, _time, ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Work in flight is abandoned: its queue messages reappear after the visibility timeout, and activities
            // are idempotent (a batch finds its result blob), so nothing runs twice to any effect.
            _logger.LogWarning("Engine: the worker did not stop cleanly ({Error}); its work in flight is left to reappear", e is TimeoutException or OperationCanceledException ? "timed out" : StorageFailures.Summary(e));
            _ = AbandonAsync(worker);
        }
    }

    private static async Task AbandonAsync(Worker worker)
    {
        try { await worker.Hub.StopAsync(isForced: true).ConfigureAwait(false); }
        catch (Exception) { /* storage may be gone: nothing more to do with this worker */ }
    }

    private void SetState(EngineState state)
    {
        State = state;
        StateSince = _time.GetUtcNow();
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record Worker(AzureStorageOrchestrationService Service, TaskHubWorker Hub);
}
