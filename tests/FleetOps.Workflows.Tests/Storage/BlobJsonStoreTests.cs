using Azure.Storage.Blobs;
using FleetOps.Cli.Local;
using FleetOps.Testing;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Tests.Storage;

/// <summary>The one blob JSON store every store uses, on a real Azurite.</summary>
public sealed class BlobJsonStoreTests
{
    private sealed record Doc(string Name, int Count);

    private static BlobServiceClient Client(string connectionString) =>
        new(connectionString, new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } });

    [Fact]
    public async Task A_failed_first_use_does_not_break_the_store_once_storage_is_back()
    {
        // Storage is down at first use: the container cannot be created. A store that cached that failure would fail
        // every later call until the process restarts.
        var ports = AzuritePorts.Free();
        var store = new BlobJsonStore(Client(ports.ConnectionString), "recovers");

        await Assert.ThrowsAnyAsync<Exception>(() => store.WriteAsync("a.json", new Doc("a", 1), default));

        await using var azurite = await Azurite.StartAsync(ports: ports);
        await store.WriteAsync("a.json", new Doc("a", 2), default);
        Assert.Equal(new Doc("a", 2), await store.ReadAsync<Doc>("a.json", default));
    }

    [Fact]
    public async Task Try_create_writes_once_and_reports_the_second_as_existing()
    {
        await using var azurite = await Azurite.StartAsync();
        var store = new BlobJsonStore(Client(azurite.ConnectionString), "create-once");

        Assert.True(await store.TryCreateAsync("x.json", new Doc("first", 1), default));
        Assert.False(await store.TryCreateAsync("x.json", new Doc("second", 2), default));
        Assert.Equal("first", (await store.ReadAsync<Doc>("x.json", default)).Name);
        Assert.Null(await store.TryReadAsync<Doc>("missing.json", default));
    }

    [Fact]
    public async Task Documents_written_by_another_shape_still_read_and_garbage_is_named()
    {
        await using var azurite = await Azurite.StartAsync();
        var blobs = Client(azurite.ConnectionString);
        var store = new BlobJsonStore(blobs, "shapes");
        await store.EnsureCreatedAsync(default);
        var container = blobs.GetBlobContainerClient("shapes");
        // A later version added "owner"; an earlier one had no "count".
        await container.UploadBlobAsync("newer.json", BinaryData.FromString("""{"name":"n","count":3,"owner":"someone"}"""));
        await container.UploadBlobAsync("older.json", BinaryData.FromString("""{"name":"o"}"""));
        await container.UploadBlobAsync("broken.json", BinaryData.FromString("""{"name":"""));

        Assert.Equal(new Doc("n", 3), await store.ReadAsync<Doc>("newer.json", default));
        Assert.Equal(new Doc("o", 0), await store.ReadAsync<Doc>("older.json", default));
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => store.ReadAsync<Doc>("broken.json", default));
        Assert.Contains("shapes/broken.json", e.Message);
        Assert.Equal(["broken.json", "newer.json", "older.json"], await store.ListAsync("", default));
    }
}
