using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using FleetOps.Workflows.Hosting;
using Microsoft.Extensions.Configuration;

namespace FleetOps.Workflows.Storage;

/// <summary>
/// Blob, queue and table clients for the storage account both hosts share, configured the way Azure Functions is:
/// <c>AzureWebJobsStorage</c> as a connection string (Azurite, local), or identity-based with
/// <c>AzureWebJobsStorage__accountName</c> / <c>__blobServiceUri</c> / <c>__queueServiceUri</c> / <c>__tableServiceUri</c>
/// (Azure, no keys).
/// </summary>
public sealed class StorageClients
{
    public const string ConnectionName = "AzureWebJobsStorage";

    public StorageClients(BlobServiceClient blobs, QueueServiceClient queues, QueueServiceClient rawQueues, TableServiceClient tables)
    {
        Blobs = blobs;
        Queues = queues;
        RawQueues = rawQueues;
        Tables = tables;
    }

    public BlobServiceClient Blobs { get; }

    /// <summary>Tables: the run index and history (the engine keeps its own tables on the same account).</summary>
    public TableServiceClient Tables { get; }

    /// <summary>Queues whose message bodies are base64, like the Functions queue trigger's default.</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>The same queues without body encoding: for a listener that decodes (and rejects) bodies itself.</summary>
    public QueueServiceClient RawQueues { get; }

    /// <summary>The connection string, when the account is reached by one (the self-host's engine needs it).</summary>
    public string? ConnectionString { get; private init; }

    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var options = new StorageOptions();
        StorageOptions.Bind(configuration, options);
        return FromOptions(options);
    }

    /// <summary>Clients for validated <see cref="StorageOptions"/> (see StorageOptionsValidator).</summary>
    public static StorageClients FromOptions(StorageOptions options)
    {
        // Bounded tries: a storage outage surfaces in seconds (503 at the API, one log line), not after minutes of retries.
        var blobOptions = StorageRequestCounter.Attach(new BlobClientOptions(), "blob", StorageRequestCounter.App);
        var queueOptions = StorageRequestCounter.Attach(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, "queue", StorageRequestCounter.App);
        var rawOptions = StorageRequestCounter.Attach(new QueueClientOptions(), "queue", StorageRequestCounter.App);
        var tableOptions = StorageRequestCounter.Attach(new TableClientOptions(), "table", StorageRequestCounter.App);
        foreach (var client in new Azure.Core.ClientOptions[] { blobOptions, queueOptions, rawOptions, tableOptions })
        {
            client.Retry.MaxRetries = 3;
            client.Retry.Delay = TimeSpan.FromMilliseconds(500);
            client.Retry.MaxDelay = TimeSpan.FromSeconds(4);
            client.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        }
        if (options.UsesConnectionString)
        {
            var connectionString = options.ConnectionString!;
            return new StorageClients(new BlobServiceClient(connectionString, blobOptions), new QueueServiceClient(connectionString, queueOptions),
                new QueueServiceClient(connectionString, rawOptions), new TableServiceClient(connectionString, tableOptions))
            {
                ConnectionString = connectionString,
            };
        }
        if (options.BlobUri is not { } blobUri || options.QueueUri is not { } queueUri || options.TableUri is not { } tableUri)
            throw new InvalidOperationException(
                $"Storage is not configured: set {ConnectionName} to a connection string, or {ConnectionName}__accountName for identity-based access.");
        var credential = options.CreateCredential();
        return new StorageClients(
            new BlobServiceClient(blobUri, credential, blobOptions),
            new QueueServiceClient(queueUri, credential, queueOptions),
            new QueueServiceClient(queueUri, credential, rawOptions),
            new TableServiceClient(tableUri, credential, tableOptions));
    }
}
