using FleetOps.Workflows.Storage;

namespace FleetOps.Host.Health;

/// <summary>
/// Whether the storage account answers, as the self-host last saw it. One cheap data-plane read decides (it works
/// with a connection string and with a Data Reader identity); a check runs at once when someone reports a failure,
/// else on <see cref="StorageProbe"/>'s schedule. Every change of state is logged as ONE line, never once per failure.
/// </summary>
public sealed class StorageHealth(StorageClients storage, TimeProvider time, OutageLogQuiet quiet, ILogger<StorageHealth> logger) : IStorageStatus
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private Task<bool>? _probe;
    private bool _reachable = true;
    private bool _known;
    private DateTimeOffset _since = time.GetUtcNow();
    private string? _error;
    private TaskCompletionSource _nudged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReachable { get { lock (_gate) return _reachable; } }

    /// <summary>Reachable (or not yet known), since when, and the last error while unreachable.</summary>
    public (bool Reachable, bool Known, DateTimeOffset Since, string? Error) Snapshot()
    {
        lock (_gate) return (_reachable, _known, _since, _error);
    }

    /// <summary>Probes now (callers at the same moment share one probe) and returns whether storage answered.</summary>
    public Task<bool> CheckAsync()
    {
        lock (_gate) return _probe ??= ProbeAsync();
    }

    /// <summary>Something that needs storage failed: check soon instead of waiting for the next scheduled probe.</summary>
    public void ReportFailure() => Volatile.Read(ref _nudged).TrySetResult();

    /// <summary>Waits up to <paramref name="max"/>, or less when a failure is reported meanwhile.</summary>
    internal async Task WaitForNudgeAsync(TimeSpan max, CancellationToken ct)
    {
        var nudged = Volatile.Read(ref _nudged);
        await Task.WhenAny(nudged.Task, Task.Delay(max, time, ct)).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        if (nudged.Task.IsCompleted)
            Interlocked.CompareExchange(ref _nudged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), nudged);
    }

    private async Task<bool> ProbeAsync()
    {
        // Never completes inside CheckAsync's lock: the probe clears itself below, after CheckAsync has stored it.
        await Task.Yield();
        bool ok;
        string? error = null;
        try
        {
            using var timeout = new CancellationTokenSource(ProbeTimeout, time);
            await storage.Blobs.GetBlobContainerClient(RunStore.ContainerName).ExistsAsync(timeout.Token).ConfigureAwait(false);
            ok = true;
        }
        catch (Exception e)
        {
            ok = false;
            error = StorageFailures.Summary(e);
        }
        lock (_gate)
        {
            _probe = null;
            var changed = ok != _reachable || !_known;
            var now = time.GetUtcNow();
            if (changed)
            {
                if (!ok) logger.LogError("Storage unreachable: {Error}. API calls that need storage answer 503, work waits and retries with backoff", error);
                else if (_known) logger.LogWarning("Storage reachable again after {Outage:0.0} s", (now - _since).TotalSeconds);
                _since = now;
            }
            _reachable = ok;
            _known = true;
            quiet.Muted = !ok;
            _error = error;
        }
        return ok;
    }
}

/// <summary>What components that need storage see of its health: whether it answers, and a way to report that it did not.</summary>
public interface IStorageStatus
{
    bool IsReachable { get; }

    void ReportFailure();
}
