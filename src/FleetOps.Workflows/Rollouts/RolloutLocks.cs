using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FleetOps.Workflows.Storage;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// One active rollout per inventory: a blob in <c>fleetops-locks</c> named after the inventory (or, for inline
/// nodes, a hash of their sorted names) whose content is the holding run's id. It is created with
/// <c>If-None-Match: *</c>, so of two concurrent starts exactly one wins; a lock whose holder has ended
/// (completed, failed, terminated) is taken over with <c>If-Match</c> on the ETag it was seen with. The rollout
/// releases it when it ends (<see cref="ReleaseLockActivity"/>).
/// </summary>
public sealed class RolloutLocks(StorageClients storage, ILogger<RolloutLocks> logger)
{
    public const string ContainerName = "fleetops-locks";

    /// <summary>A lock whose holder has no orchestration yet is young for this long: its starter may still be scheduling it.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(60);

    private readonly BlobJsonStore _blobs = new(storage.Blobs, ContainerName);
    private BlobContainerClient Container => _blobs.Container;

    /// <summary>The lock of a stored inventory, by name.</summary>
    public static string ForInventory(string inventory) => $"inventory/{inventory}";

    /// <summary>The lock of inline nodes: the same set of names, in any order, is the same lock.</summary>
    public static string ForNodes(IEnumerable<string> nodeNames)
    {
        var sorted = string.Join('\n', nodeNames.Order(StringComparer.Ordinal));
        return $"nodes/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sorted)))[..32]}";
    }

    /// <summary>Tries to take or take over a lock before it answers <see cref="LockAttempt.Contended"/>.</summary>
    public const int MaxAttempts = 5;

    /// <summary>
    /// Takes the lock for <paramref name="runId"/>: acquired (newly, or already held by it), held by another run that
    /// still runs, or contended (it changed hands under every one of <see cref="MaxAttempts"/> attempts: try again).
    /// <paramref name="isActive"/> tells whether a holder still runs.
    /// </summary>
    public async Task<LockAttempt> AcquireAsync(string key, string runId, Func<string, DateTimeOffset, Task<bool>> isActive, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var blob = Container.GetBlobClient(key);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                await blob.UploadAsync(BinaryData.FromString(runId),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct).ConfigureAwait(false);
                return LockAttempt.Acquired;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
            }

            Response<BlobDownloadResult> current;
            try
            {
                current = await blob.DownloadContentAsync(ct).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                continue; // released meanwhile: try to create it again
            }
            var holder = current.Value.Content.ToString();
            if (holder == runId) return LockAttempt.Acquired;
            if (await isActive(holder, current.Value.Details.LastModified).ConfigureAwait(false)) return LockAttempt.HeldBy(holder);
            try
            {
                await blob.UploadAsync(BinaryData.FromString(runId),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = current.Value.Details.ETag } }, ct).ConfigureAwait(false);
                logger.LogInformation("Rollout lock {Key}: run {RunId} took it over from {Holder}, which is no longer running", key, runId, holder);
                return LockAttempt.Acquired;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Someone else released or took it meanwhile: look again.
            }
        }
        logger.LogWarning("Rollout lock {Key}: run {RunId} could not take it in {Attempts} attempts: it kept changing hands", key, runId, MaxAttempts);
        return LockAttempt.Contended;
    }

    /// <summary>Deletes the lock if <paramref name="runId"/> still holds it; true when it did (or nobody holds it).</summary>
    public async Task<bool> ReleaseAsync(string key, string runId, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var blob = Container.GetBlobClient(key);
        try
        {
            var current = await blob.DownloadContentAsync(ct).ConfigureAwait(false);
            if (current.Value.Content.ToString() != runId) return false;
            await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = current.Value.Details.ETag }, cancellationToken: ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false; // taken over meanwhile: not ours any more
        }
    }

    /// <summary>The run holding the lock, or null.</summary>
    public async Task<string?> HolderAsync(string key, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        try
        {
            return (await Container.GetBlobClient(key).DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}

/// <summary>What taking a rollout lock came to.</summary>
public sealed record LockAttempt(bool IsAcquired, string? Holder, bool IsContended)
{
    public static LockAttempt Acquired { get; } = new(true, null, false);
    public static LockAttempt Contended { get; } = new(false, null, true);
    public static LockAttempt HeldBy(string holder) => new(false, holder, false);
}
