using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FleetOps.Core.Inventories;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Inventories;

/// <summary>
/// Inventories uploaded once (PUT /api/inventories/{name}) and referenced by name from sweeps and rollouts.
/// One blob per inventory in <c>fleetops-inventories</c>, the format in its metadata. The text is kept as sent, so
/// what an operator uploads is what they can download again; its parse is kept in a <see cref="ParsedInventoryCache"/>
/// for as long as the blob's ETag stays the same.
/// </summary>
public sealed class InventoryStore(StorageClients storage, ParsedInventoryCache cache)
{
    public const string ContainerName = "fleetops-inventories";

    /// <summary>Names per page of <see cref="ListAsync"/>.</summary>
    public const int MaxListed = 1000;

    private const string FormatKey = "format";
    private const int MaxPutRounds = 5;
    private readonly BlobJsonStore _blobs = new(storage.Blobs, ContainerName);
    private BlobContainerClient Container => _blobs.Container;

    /// <summary>
    /// Stores the inventory: created if absent (<c>If-None-Match: *</c>), else replaced if present (<c>If-Match: *</c>).
    /// Each step is one conditional write, so under concurrent PUTs exactly one of them creates. The parse the
    /// caller validated is cached under the new ETag.
    /// </summary>
    /// <returns>True when the inventory is new, false when it replaced one.</returns>
    public async Task<bool> PutAsync(string name, InventoryFormat format, string content, Inventory parsed, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var blob = Container.GetBlobClient(name);
        for (var round = 1; ; round++)
        {
            foreach (var (create, condition) in new[] { (true, new BlobRequestConditions { IfNoneMatch = ETag.All }), (false, new BlobRequestConditions { IfMatch = ETag.All }) })
            {
                try
                {
                    var written = await blob.UploadAsync(BinaryData.FromString(content), new BlobUploadOptions
                    {
                        Metadata = new Dictionary<string, string> { [FormatKey] = format.ToString() },
                        HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" },
                        Conditions = condition,
                    }, ct).ConfigureAwait(false);
                    cache.Put(new ParsedInventory(name, format, written.Value.LastModified, written.Value.ETag.ToString(), parsed));
                    return create;
                }
                catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
                {
                    // Created by another PUT (then replace it), or deleted between the two steps (then create it).
                }
            }
            if (round == MaxPutRounds)
                throw new InvalidOperationException($"inventory '{name}' kept being created and deleted by other requests; {MaxPutRounds} rounds did not settle");
        }
    }

    /// <summary>
    /// The inventory parsed, or null when there is none. One storage call either way: a conditional read that
    /// answers 304 while the cached parse is still the blob's.
    /// </summary>
    /// <exception cref="InventoryFormatException">The stored text no longer parses (a newer parser is stricter).</exception>
    public async Task<ParsedInventory?> GetParsedAsync(string name, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var cached = cache.TryGet(name);
        try
        {
            var options = new BlobDownloadOptions { Conditions = cached is null ? null : new BlobRequestConditions { IfNoneMatch = new ETag(cached.ETag) } };
            var response = await Container.GetBlobClient(name).DownloadContentAsync(options, ct).ConfigureAwait(false);
            if (cached is not null && response.GetRawResponse().Status == 304) return cached;
            var download = response.Value;
            var details = download.Details;
            var format = details.Metadata.TryGetValue(FormatKey, out var f) && Enum.TryParse<InventoryFormat>(f, out var known) ? known : InventoryFormat.Native;
            var parsed = new ParsedInventory(name, format, details.LastModified, details.ETag.ToString(), InventoryParser.Parse(download.Content.ToString(), format));
            cache.Put(parsed);
            return parsed;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            cache.Remove(name);
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        cache.Remove(name);
        return (await Container.DeleteBlobIfExistsAsync(name, cancellationToken: ct).ConfigureAwait(false)).Value;
    }

    /// <summary>One page of names (at most <see cref="MaxListed"/>), in name order, and the continuation of the next page if any.</summary>
    public async Task<(List<string> Names, string? Continuation)> ListAsync(string? continuation, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        await foreach (var page in Container.GetBlobsAsync(cancellationToken: ct).AsPages(continuation, MaxListed).ConfigureAwait(false))
            return (page.Values.Select(b => b.Name).ToList(), string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        return ([], null);
    }
}
