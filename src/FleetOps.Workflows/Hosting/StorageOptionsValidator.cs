using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Hosting;

/// <summary>
/// A connection string must parse as one (known keywords, http(s) endpoints, a base64 key); identity-based access
/// needs an account name or service URIs. Messages name the keyword, never the value (the key is a secret).
/// </summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "DefaultEndpointsProtocol", "AccountName", "AccountKey", "SharedAccessSignature", "EndpointSuffix",
        "BlobEndpoint", "QueueEndpoint", "TableEndpoint", "FileEndpoint", "BlobSecondaryEndpoint", "QueueSecondaryEndpoint",
        "TableSecondaryEndpoint", "FileSecondaryEndpoint", "UseDevelopmentStorage", "DevelopmentStorageProxyUri",
    };

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new SettingErrors();
        if (options.UsesConnectionString) CheckConnectionString(options.ConnectionString!, errors);
        else CheckIdentity(options, errors);
        return errors.Result;
    }

    private static void CheckConnectionString(string value, SettingErrors errors)
    {
        const string setting = StorageOptions.Section;
        var pairs = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) { errors.Add(setting, "not a storage connection string: every part must be keyword=value"); return; }
            var keyword = pair[..eq];
            if (!Keywords.Contains(keyword)) { errors.Add(setting, $"not a storage connection string: unknown keyword '{keyword}'"); return; }
            if (keyword.EndsWith("Endpoint", StringComparison.OrdinalIgnoreCase)) errors.HttpUri($"{setting} ({keyword})", pair[(eq + 1)..]);
        }
        var keywords = pairs.Select(p => p[..p.IndexOf('=')]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!keywords.Contains("UseDevelopmentStorage") && !keywords.Contains("AccountName") && !keywords.Contains("BlobEndpoint"))
        {
            errors.Add(setting, "not a storage connection string: it names no account (AccountName, BlobEndpoint or UseDevelopmentStorage)");
            return;
        }
        try
        {
            // The SDK's own parse catches the rest (a key that is not base64, a missing account key...).
            _ = new BlobServiceClient(value);
            _ = new QueueServiceClient(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            errors.Add(setting, "not a valid storage connection string (" + e.GetType().Name + ")");
        }
    }

    private static void CheckIdentity(StorageOptions options, SettingErrors errors)
    {
        const string setting = StorageOptions.Section;
        if (options.AccountName is null && (options.BlobServiceUri is null || options.QueueServiceUri is null))
        {
            errors.Add(setting, "not set: give a connection string, or AzureWebJobsStorage__accountName (or the blob and queue service URIs) for identity-based access");
            return;
        }
        if (options.AccountName is { } account && (account.Length is < 3 or > 24 || !account.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))))
            errors.Add($"{setting}:accountName", "must be 3 to 24 lowercase letters and digits");
        errors.HttpUri($"{setting}:blobServiceUri", options.BlobServiceUri);
        errors.HttpUri($"{setting}:queueServiceUri", options.QueueServiceUri);
        errors.HttpUri($"{setting}:tableServiceUri", options.TableServiceUri);
        if (options.ClientId is { } id && !Guid.TryParse(id, out _)) errors.Add($"{setting}:clientId", "must be a GUID (the managed identity's client id)");
    }
}
