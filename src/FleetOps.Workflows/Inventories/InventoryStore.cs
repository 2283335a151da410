using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FleetOps.Core.Inventories;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Inventories;

/// <summary>A stored inventory: its text as uploaded, in the format it was read as.</summary>
public sealed record StoredInventory(string Name, InventoryFormat Format, string Content, DateTimeOffset UpdatedAt);

/// <summary>
/// Inventories uploaded once (PUT /api/inventories/{name}) and referenced by name from sweeps and rollouts.
/// One blob per inventory in <c>fleetops-inventories</c>, the format in its metadata. The text is kept as sent, so
/// what an operator uploads is what they can download again.
/// </summary>
public sealed class InventoryStore(StorageClients storage)
{
    public const string ContainerName = "fleetops-inventories";
    private const string FormatKey = "format";
    private readonly BlobJsonStore _blobs = new(storage.Blobs, ContainerName);
    private BlobContainerClient Container => _blobs.Container;

    /// <returns>True when the inventory is new, false when it replaced one.</returns>
    public async Task<bool> PutAsync(string name, InventoryFormat format, string content, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var blob = Container.GetBlobClient(name);
        var existed = await blob.ExistsAsync(ct).ConfigureAwait(false);
        await blob.UploadAsync(BinaryData.FromString(content), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { [FormatKey] = format.ToString() },
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" },
        }, ct).ConfigureAwait(false);
        return !existed.Value;
    }

    public async Task<StoredInventory?> GetAsync(string name, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        try
        {
            var download = await Container.GetBlobClient(name).DownloadContentAsync(ct).ConfigureAwait(false);
            var details = download.Value.Details;
            var format = details.Metadata.TryGetValue(FormatKey, out var f) && Enum.TryParse<InventoryFormat>(f, out var parsed) ? parsed : InventoryFormat.Native;
            return new StoredInventory(name, format, download.Value.Content.ToString(), details.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        return (await Container.DeleteBlobIfExistsAsync(name, cancellationToken: ct).ConfigureAwait(false)).Value;
    }

    public async Task<List<string>> ListAsync(CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var names = new List<string>();
        await foreach (var item in Container.GetBlobsAsync(cancellationToken: ct).ConfigureAwait(false)) names.Add(item.Name);
        return names;
    }
}
