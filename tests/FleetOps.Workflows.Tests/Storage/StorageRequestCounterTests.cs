using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Azure.Storage.Blobs;
using FleetOps.Cli.Local;
using FleetOps.Testing;
using FleetOps.Workflows.Storage;
using Microsoft.Extensions.Configuration;

namespace FleetOps.Workflows.Tests.Storage;

/// <summary>
/// fleetops.storage.requests counts what the clients send (each retry included), by service and client. Other tests
/// in this process use storage at the same time, so a test counts only the requests sent from its own async flow.
/// </summary>
public sealed class StorageRequestCounterTests : IDisposable
{
    private static readonly AsyncLocal<ConcurrentDictionary<string, long>?> Mine = new();
    private readonly MeterListener _listener = new();

    public StorageRequestCounterTests()
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == StorageRequestCounter.InstrumentName) l.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (Mine.Value is not { } counts) return;
            string? service = null, client = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "service") service = tag.Value as string;
                if (tag.Key == "client") client = tag.Value as string;
            }
            counts.AddOrUpdate($"{service}/{client}", value, (_, v) => v + value);
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Every_try_is_a_request_counted_retries_included()
    {
        var counts = Mine.Value = new();
        var options = StorageRequestCounter.Attach(new BlobClientOptions(), "blob", StorageRequestCounter.Engine);
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var closed = AzuritePorts.Free();
        var client = new BlobServiceClient(closed.ConnectionString, options);

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetBlobContainerClient("nobody-listens").ExistsAsync());

        Assert.Equal(3, counts["blob/engine"]);
    }

    [Fact]
    public async Task The_shared_storage_clients_count_each_service_as_the_app()
    {
        await using var azurite = await Azurite.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }).Build();
        var clients = StorageClients.FromConfiguration(configuration);
        var counts = Mine.Value = new();

        await clients.Blobs.GetBlobContainerClient("counted").CreateIfNotExistsAsync();
        await clients.Blobs.GetBlobContainerClient("counted").GetBlobClient("a.txt").UploadAsync(BinaryData.FromString("a"));
        await clients.Queues.GetQueueClient("counted").CreateIfNotExistsAsync();
        await clients.RawQueues.GetQueueClient("counted").SendMessageAsync("m");
        await clients.Tables.CreateTableIfNotExistsAsync("counted");

        Assert.Equal(2, counts["blob/app"]);
        Assert.Equal(2, counts["queue/app"]);
        Assert.Equal(1, counts["table/app"]);
        Assert.Equal(3, counts.Count);
    }
}
