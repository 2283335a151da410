using FleetOps.Core.Notifiers;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Notifiers;

/// <summary>A notifier as stored: its definition (inline secrets included: storage encrypts them at rest) and when it was written.</summary>
public sealed record StoredNotifier(string Name, NotifierDefinition Definition, DateTimeOffset UpdatedAt);

/// <summary>
/// Notifier definitions (PUT /api/notifiers/{name}), one blob each in <c>fleetops-notifiers</c>, read at every send so
/// a changed definition applies to the next delivery. Inline secrets are stored as given and never leave through
/// this store's callers: responses use <see cref="RedactedNotifier"/>, logs name the notifier only.
/// </summary>
public sealed class NotifierStore(StorageClients storage, TimeProvider time)
{
    public const string ContainerName = "fleetops-notifiers";

    /// <summary>Names per page of <see cref="ListAsync"/>.</summary>
    public const int MaxListed = 1000;

    private readonly BlobJsonStore _blobs = new(storage.Blobs, ContainerName);

    private static string BlobName(string name) => name + ".json";

    /// <summary>Stores the definition under <paramref name="name"/>; true when it is new, false when it replaced one.</summary>
    public async Task<(bool Created, StoredNotifier Stored)> PutAsync(string name, NotifierDefinition definition, CancellationToken ct)
    {
        var stored = new StoredNotifier(name, definition with { Name = name }, time.GetUtcNow());
        if (await _blobs.TryCreateAsync(BlobName(name), stored, ct).ConfigureAwait(false)) return (true, stored);
        await _blobs.WriteAsync(BlobName(name), stored, ct).ConfigureAwait(false);
        return (false, stored);
    }

    public Task<StoredNotifier?> GetAsync(string name, CancellationToken ct) => _blobs.TryReadAsync<StoredNotifier>(BlobName(name), ct);

    public async Task<bool> ExistsAsync(string name, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        return (await _blobs.Container.GetBlobClient(BlobName(name)).ExistsAsync(ct).ConfigureAwait(false)).Value;
    }

    public Task<bool> DeleteAsync(string name, CancellationToken ct) => _blobs.DeleteAsync(BlobName(name), ct);

    /// <summary>The first <see cref="MaxListed"/> names in name order (one listing call), and whether there are more.</summary>
    public async Task<(List<string> Names, bool More)> ListAsync(CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        await foreach (var page in _blobs.Container.GetBlobsAsync(cancellationToken: ct).AsPages(null, MaxListed).ConfigureAwait(false))
            return ([.. page.Values.Select(b => b.Name[..^".json".Length])], !string.IsNullOrEmpty(page.ContinuationToken));
        return ([], false);
    }
}
