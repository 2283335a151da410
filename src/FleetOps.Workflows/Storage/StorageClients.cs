using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
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

    /// <summary>Tables: the run index (the engine keeps its own tables on the same account).</summary>
    public TableServiceClient Tables { get; }

    /// <summary>Queues whose message bodies are base64, like the Functions queue trigger's default.</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>The same queues without body encoding: for a listener that decodes (and rejects) bodies itself.</summary>
    public QueueServiceClient RawQueues { get; }

    /// <summary>The connection string, when the account is reached by one (the self-host's engine needs it).</summary>
    public string? ConnectionString { get; private init; }

    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionName];
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (!string.IsNullOrWhiteSpace(connectionString))
            return new StorageClients(new BlobServiceClient(connectionString), new QueueServiceClient(connectionString, queueOptions), new QueueServiceClient(connectionString),
                new TableServiceClient(connectionString))
            {
                ConnectionString = connectionString,
            };

        var section = configuration.GetSection(ConnectionName);
        var account = section["accountName"];
        var blobUri = section["blobServiceUri"] ?? (account is null ? null : $"https://{account}.blob.core.windows.net");
        var queueUri = section["queueServiceUri"] ?? (account is null ? null : $"https://{account}.queue.core.windows.net");
        var tableUri = section["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        if (blobUri is null || queueUri is null || tableUri is null)
            throw new InvalidOperationException(
                $"Storage is not configured: set {ConnectionName} to a connection string, or {ConnectionName}__accountName for identity-based access.");
        TokenCredential credential = section["clientId"] is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new StorageClients(
            new BlobServiceClient(new Uri(blobUri), credential),
            new QueueServiceClient(new Uri(queueUri), credential, queueOptions),
            new QueueServiceClient(new Uri(queueUri), credential),
            new TableServiceClient(new Uri(tableUri), credential));
    }
}
