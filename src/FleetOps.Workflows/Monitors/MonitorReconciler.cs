using Azure;
using Azure.Storage.Blobs.Specialized;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Monitors;

/// <summary>What one reconcile round did.</summary>
public sealed record ReconcileOutcome(bool Ran, int Monitors, int Started, int Stopped);

/// <summary>
/// Keeps every monitor's orchestration alive: each round (every minute, from a timer in either host) starts the
/// orchestration of any stored monitor that has none or whose one failed or was terminated, and stops orchestrations
/// whose monitor was deleted (woken first, so they retire their data; terminated if they do not end). Safe with
/// several hosts: a blob lease lets one host act per round, and starting an instance that runs is refused anyway.
/// </summary>
public sealed class MonitorReconciler(MonitorStore store, MonitorStarter starter, TimeProvider time, ILogger<MonitorReconciler> logger)
{
    /// <summary>The Functions timer trigger's schedule (cron with seconds): every minute.</summary>
    public const string Schedule = Hosting.MonitorOptions.DefaultReconcileSchedule;

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    /// <summary>An orphan (its monitor deleted) still running this long after its last step is terminated.</summary>
    public static readonly TimeSpan OrphanGrace = TimeSpan.FromMinutes(2);

    private static readonly OrchestrationRuntimeStatus[] Alive =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public async Task<ReconcileOutcome> ReconcileAsync(DurableTaskClient client, CancellationToken ct)
    {
        var lease = await TryLeaseAsync(ct).ConfigureAwait(false);
        if (lease is null) return new ReconcileOutcome(false, 0, 0, 0);
        try
        {
            var names = await store.AllNamesAsync(ct).ConfigureAwait(false);
            var started = 0;
            foreach (var name in names)
            {
                try
                {
                    if (await client.GetInstanceAsync(MonitorIds.InstanceId(name), false, ct).ConfigureAwait(false) is { IsCompleted: false }) continue;
                    // An index row whose record is gone (a crash inside a delete): drop the row, start nothing.
                    if (await store.GetAsync(name, ct).ConfigureAwait(false) is null) await store.DeleteAsync(name, ct).ConfigureAwait(false);
                    else if (await starter.EnsureRunningAsync(name, client, wakeReason: null, ct).ConfigureAwait(false)) started++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Reconciler: monitor {Monitor} could not be started: {Error}", name, e.Message);
                }
            }
            var stopped = await StopOrphansAsync(client, ct).ConfigureAwait(false);
            if (started > 0 || stopped > 0)
                logger.LogInformation("Reconciler: {Monitors} monitors, {Started} orchestrations started, {Stopped} stopped", names.Count, started, stopped);
            return new ReconcileOutcome(true, names.Count, started, stopped);
        }
        finally
        {
            try
            {
                await lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // Expired meanwhile: the next round takes it again.
            }
        }
    }

    /// <summary>Monitor orchestrations whose record is gone: woken (they end themselves); terminated when they did not end within the grace.</summary>
    private async Task<int> StopOrphansAsync(DurableTaskClient client, CancellationToken ct)
    {
        var stopped = 0;
        var query = new OrchestrationQuery { InstanceIdPrefix = MonitorIds.Prefix + Core.Contracts.InternalIds.Separator, Statuses = Alive, PageSize = 500 };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(ct).ConfigureAwait(false))
        {
            if (MonitorIds.NameOf(instance.InstanceId) is not { } name) continue;
            if (await store.GetAsync(name, ct).ConfigureAwait(false) is not null) continue;
            if (time.GetUtcNow() - instance.LastUpdatedAt > OrphanGrace)
            {
                await client.TerminateInstanceAsync(instance.InstanceId, new TerminateInstanceOptions { Output = "monitor deleted" }, ct).ConfigureAwait(false);
                stopped++;
            }
            else
            {
                await client.RaiseEventAsync(instance.InstanceId, MonitorOrchestrator.WakeEvent, new WakeNote("deleted"), ct).ConfigureAwait(false);
            }
        }
        return stopped;
    }

    /// <summary>The round's lease, or null while another host holds it.</summary>
    private async Task<BlobLeaseClient?> TryLeaseAsync(CancellationToken ct)
    {
        await store.Blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var blob = store.Blobs.Container.GetBlobClient(MonitorPaths.ReconcilerLock);
        if (!await blob.ExistsAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await blob.UploadAsync(BinaryData.FromString(""), overwrite: false, ct).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
            }
        }
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(Lease, cancellationToken: ct).ConfigureAwait(false);
            return lease;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }
}
