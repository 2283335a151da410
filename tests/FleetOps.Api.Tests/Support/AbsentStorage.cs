using System.Net;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using FleetOps.Workflows.Storage;

namespace FleetOps.Api.Tests.Support;

/// <summary>
/// A storage account with empty containers and nothing in them, answered in process: creating a container succeeds,
/// every other request is a 404 at once. For the parsers when no host runs: a request naming a stored inventory is
/// refused as it would be for an unknown name.
/// </summary>
public static class AbsentStorage
{
    private const string Account = "UseDevelopmentStorage=true";

    public static StorageClients Clients()
    {
        var transport = new HttpClientTransport(new NotFoundHandler());
        return new StorageClients(
            new BlobServiceClient(Account, new BlobClientOptions { Transport = transport, Retry = { MaxRetries = 0 } }),
            new QueueServiceClient(Account, new QueueClientOptions { Transport = transport, Retry = { MaxRetries = 0 } }),
            new QueueServiceClient(Account, new QueueClientOptions { Transport = transport, Retry = { MaxRetries = 0 } }),
            new TableServiceClient(Account, new TableClientOptions { Transport = transport, Retry = { MaxRetries = 0 } }));
    }

    private sealed class NotFoundHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var created = request.Method == HttpMethod.Put && request.RequestUri!.Query.Contains("restype=container", StringComparison.Ordinal);
            var response = new HttpResponseMessage(created ? HttpStatusCode.Created : HttpStatusCode.NotFound) { RequestMessage = request, Content = new ByteArrayContent([]) };
            if (!created) response.Headers.Add("x-ms-error-code", "BlobNotFound");
            return Task.FromResult(response);
        }
    }
}
