using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FleetOps.Core;

namespace FleetOps.Workflows.Storage;

/// <summary>
/// JSON documents in one blob container: the one way every store reads and writes its blobs. The container is
/// created on first use; a failed creation is tried again on the next call (a storage hiccup at start-up must not
/// break a store until the process restarts). Reads use the tolerant <see cref="FleetOpsJson.Options"/>, so blobs
/// written before an upgrade still read, and a blob that does not parse is reported by name.
/// </summary>
public sealed class BlobJsonStore
{
    private int _created;

    public BlobJsonStore(BlobServiceClient blobs, string containerName)
    {
        Container = blobs.GetBlobContainerClient(containerName);
    }

    public BlobContainerClient Container { get; }

    public string ContainerName => Container.Name;

    /// <summary>Creates the container unless this store already saw it exist. Concurrent first calls both ask: harmless.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _created) == 1) return;
        await Container.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        Volatile.Write(ref _created, 1);
    }

    /// <summary>Writes (or replaces) a document.</summary>
    public async Task WriteAsync<T>(string name, T value, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        await Container.GetBlobClient(name).UploadAsync(Serialize(value), overwrite: true, ct).ConfigureAwait(false);
    }

    /// <summary>Writes a document only if none exists (<c>If-None-Match: *</c>); false when one already did.</summary>
    public async Task<bool> TryCreateAsync<T>(string name, T value, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        try
        {
            await Container.GetBlobClient(name).UploadAsync(Serialize(value),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Reads a document; throws <see cref="InvalidDataException"/> naming the blob when it does not parse.</summary>
    public async Task<T> ReadAsync<T>(string name, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var content = await Container.GetBlobClient(name).DownloadContentAsync(ct).ConfigureAwait(false);
        return Deserialize<T>(name, content.Value.Content);
    }

    /// <summary>Null when there is no such document.</summary>
    public async Task<T?> TryReadAsync<T>(string name, CancellationToken ct) where T : class
    {
        try
        {
            return await ReadAsync<T>(name, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The names under a prefix, in ordinal order.</summary>
    public async Task<List<string>> ListAsync(string prefix, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var names = new List<string>();
        await foreach (var item in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct).ConfigureAwait(false)) names.Add(item.Name);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>A document and the ETag it was read at (for <see cref="TryReplaceAsync"/>); null when there is none.</summary>
    public async Task<(T Value, ETag ETag)?> TryReadVersionedAsync<T>(string name, CancellationToken ct) where T : class
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        try
        {
            var content = await Container.GetBlobClient(name).DownloadContentAsync(ct).ConfigureAwait(false);
            return (Deserialize<T>(name, content.Value.Content), content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Replaces a document only while it is still at <paramref name="etag"/> (<c>If-Match</c>); false when another writer came first or it is gone.</summary>
    public async Task<bool> TryReplaceAsync<T>(string name, T value, ETag etag, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        try
        {
            await Container.GetBlobClient(name).UploadAsync(Serialize(value),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = etag } }, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Deletes a document (only while at <paramref name="etag"/>, when given); false when there was none to delete.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken ct, ETag? etag = null)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        try
        {
            var conditions = etag is { } e ? new BlobRequestConditions { IfMatch = e } : null;
            return (await Container.GetBlobClient(name).DeleteIfExistsAsync(conditions: conditions, cancellationToken: ct).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Deletes every document under a prefix, a page at a time; returns how many went.</summary>
    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken ct, int parallel = 8)
    {
        var deleted = 0;
        foreach (var chunk in (await ListAsync(prefix, ct).ConfigureAwait(false)).Chunk(1000))
        {
            await Parallel.ForEachAsync(chunk, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (name, token) =>
            {
                if (await DeleteAsync(name, token).ConfigureAwait(false)) Interlocked.Increment(ref deleted);
            }).ConfigureAwait(false);
        }
        return deleted;
    }

    private static BinaryData Serialize<T>(T value) => new(JsonSerializer.SerializeToUtf8Bytes(value, FleetOpsJson.Options));

    private T Deserialize<T>(string name, BinaryData content)
    {
        try
        {
            return content.ToObjectFromJson<T>(FleetOpsJson.Options) ?? throw new InvalidDataException($"blob {ContainerName}/{name} holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"blob {ContainerName}/{name} is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }
}
