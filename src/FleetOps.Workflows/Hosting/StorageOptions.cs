using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace FleetOps.Workflows.Hosting;

/// <summary>
/// The storage account both hosts share, configured the way Azure Functions is: <c>AzureWebJobsStorage</c> as a
/// connection string (Azurite, local), or identity-based with <c>AzureWebJobsStorage__accountName</c> /
/// <c>__blobServiceUri</c> / <c>__queueServiceUri</c> / <c>__tableServiceUri</c> / <c>__clientId</c> (Azure, no keys).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "AzureWebJobsStorage";

    public string? ConnectionString { get; set; }
    public string? AccountName { get; set; }
    public string? BlobServiceUri { get; set; }
    public string? QueueServiceUri { get; set; }
    public string? TableServiceUri { get; set; }
    public string? ClientId { get; set; }

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public Uri? BlobUri => Endpoint(BlobServiceUri, "blob");
    public Uri? QueueUri => Endpoint(QueueServiceUri, "queue");
    public Uri? TableUri => Endpoint(TableServiceUri, "table");

    /// <summary>The managed identity (user-assigned when <see cref="ClientId"/> is set), else the default chain.</summary>
    public TokenCredential CreateCredential() => ClientId is { } id
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id))
        : new DefaultAzureCredential();

    /// <summary>Reads both shapes: the plain value, and the section's children for identity-based access.</summary>
    public static void Bind(IConfiguration configuration, StorageOptions options)
    {
        options.ConnectionString = configuration[Section];
        configuration.GetSection(Section).Bind(options);
    }

    private Uri? Endpoint(string? explicitUri, string service) =>
        explicitUri is not null ? new Uri(explicitUri)
        : AccountName is not null ? new Uri($"https://{AccountName}.{service}.core.windows.net") : null;
}
