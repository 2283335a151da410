using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using FleetOps.Workflows.Storage;

namespace FleetOps.Api.Tests.Support;

/// <summary>Storage clients that count every request they send: the cost of a handler, measured rather than timed.</summary>
public sealed class CountingStorage : HttpPipelineSynchronousPolicy
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _requests);

    public StorageClients Clients(string connectionString)
    {
        var blobs = new BlobClientOptions();
        blobs.AddPolicy(this, HttpPipelinePosition.PerCall);
        var tables = new TableClientOptions();
        tables.AddPolicy(this, HttpPipelinePosition.PerCall);
        var queues = new QueueClientOptions();
        queues.AddPolicy(this, HttpPipelinePosition.PerCall);
        return new StorageClients(new BlobServiceClient(connectionString, blobs), new QueueServiceClient(connectionString, queues),
            new QueueServiceClient(connectionString, queues), new TableServiceClient(connectionString, tables));
    }
}
