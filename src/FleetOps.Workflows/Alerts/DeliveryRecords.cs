using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Alerts;

/// <summary>Where one (alert, notifier) delivery stands: being sent (by whoever holds the claim), sent, or failed for good.</summary>
public enum DeliveryState { Sending, Sent, Failed }

/// <summary>
/// The record of one (alert id, notifier) delivery. <see cref="ClaimedUntil"/> is how long the sender that set
/// <see cref="DeliveryState.Sending"/> may take: past it (that sender died, or gave up for now) another may take over.
/// </summary>
public sealed record DeliveryRecord(string Id, string Notifier, DeliveryState State, int Attempts, DateTimeOffset UpdatedAt)
{
    public DateTimeOffset? ClaimedUntil { get; init; }
    public int? Status { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? SentAt { get; init; }
}

/// <summary>What a claim found: the caller may send now, it was already sent, or another sender holds it.</summary>
public enum ClaimOutcome { Claimed, AlreadySent, Busy }

/// <summary>
/// The delivery records in <c>fleetops-alert-deliveries</c>, <c>{notifier}/{alert id}.json</c>: what makes a
/// redelivered (or twice enqueued) alert message send once. A sender claims the record before it sends (created with
/// <c>If-None-Match: *</c>, or taken over with <c>If-Match</c> once a claim has lapsed), and marks it sent after the
/// receiver's 2xx. Only the window between that 2xx and the mark (a crash there) sends again, with the same
/// Idempotency-Key, so a receiver that honours it still acts once.
/// </summary>
public sealed class DeliveryRecords(StorageClients storage, TimeProvider time)
{
    public const string ContainerName = "fleetops-alert-deliveries";
    private const int MaxClaimRounds = 3;

    private readonly BlobJsonStore _blobs = new(storage.Blobs, ContainerName);

    public static string BlobName(string notifier, string id) => $"{notifier}/{id}.json";

    public Task<DeliveryRecord?> GetAsync(string id, string notifier, CancellationToken ct) =>
        _blobs.TryReadAsync<DeliveryRecord>(BlobName(notifier, id), ct);

    /// <summary>Claims the delivery for <paramref name="lease"/>: the claimed record, or why not.</summary>
    public async Task<(ClaimOutcome Outcome, DeliveryRecord? Claim)> ClaimAsync(string id, string notifier, TimeSpan lease, CancellationToken ct)
    {
        var name = BlobName(notifier, id);
        for (var round = 0; round < MaxClaimRounds; round++)
        {
            var now = time.GetUtcNow();
            var fresh = new DeliveryRecord(id, notifier, DeliveryState.Sending, 1, now) { ClaimedUntil = now + lease };
            if (await _blobs.TryCreateAsync(name, fresh, ct).ConfigureAwait(false)) return (ClaimOutcome.Claimed, fresh);
            if (await _blobs.TryReadVersionedAsync<DeliveryRecord>(name, ct).ConfigureAwait(false) is not { } read) continue; // deleted meanwhile
            var (existing, etag) = read;
            if (existing.State == DeliveryState.Sent) return (ClaimOutcome.AlreadySent, existing);
            if (existing.State == DeliveryState.Sending && existing.ClaimedUntil > now) return (ClaimOutcome.Busy, existing);
            // A lapsed claim (its sender died or gave up for now) or a failure being retried: take it over, one taker only.
            var taken = existing with { State = DeliveryState.Sending, Attempts = existing.Attempts + 1, UpdatedAt = now, ClaimedUntil = now + lease };
            if (await _blobs.TryReplaceAsync(name, taken, etag, ct).ConfigureAwait(false)) return (ClaimOutcome.Claimed, taken);
        }
        return (ClaimOutcome.Busy, null);
    }

    /// <summary>The receiver took it: no later delivery of this message sends it again.</summary>
    public Task MarkSentAsync(DeliveryRecord claim, int? status, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return _blobs.WriteAsync(BlobName(claim.Notifier, claim.Id),
            claim with { State = DeliveryState.Sent, Status = status, SentAt = now, UpdatedAt = now, ClaimedUntil = null, LastError = null }, ct);
    }

    /// <summary>The attempt failed: the claim lapses now (a retry may take it at once), or the delivery failed for good.</summary>
    public Task ReleaseAsync(DeliveryRecord claim, int? status, string error, bool failed, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return _blobs.WriteAsync(BlobName(claim.Notifier, claim.Id),
            claim with { State = failed ? DeliveryState.Failed : DeliveryState.Sending, Status = status, LastError = error, UpdatedAt = now, ClaimedUntil = now }, ct);
    }
}
