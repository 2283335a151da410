using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FleetOps.Core;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;

namespace FleetOps.Workflows.Storage;

/// <summary>
/// A run's bulk data in blob storage, under deterministic names so every write is idempotent under redelivery:
/// <c>{runId}/batches/{i}.json</c> (what to probe) and <c>{runId}/results/{i}.json</c> (what was found).
/// Orchestration state keeps only counts; the rows live here.
/// </summary>
public sealed class RunStore(StorageClients storage)
{
    public const string ContainerName = "fleetops-runs";
    private readonly BlobContainerClient _container = storage.Blobs.GetBlobContainerClient(ContainerName);
    private readonly Lazy<Task> _created = new(() => storage.Blobs.GetBlobContainerClient(ContainerName).CreateIfNotExistsAsync());

    public static string BatchBlob(string runId, int batch) => $"{runId}/batches/{batch:D5}.json";
    public static string ResultBlob(string runId, int batch) => $"{runId}/results/{batch:D5}.json";

    public Task EnsureCreatedAsync() => _created.Value;

    public Task WriteBatchAsync(string runId, int batch, IReadOnlyList<ProbeTask> tasks, CancellationToken ct) =>
        WriteAsync(BatchBlob(runId, batch), tasks, ct);

    public Task<List<ProbeTask>> ReadBatchAsync(string runId, int batch, CancellationToken ct) =>
        ReadAsync<List<ProbeTask>>(BatchBlob(runId, batch), ct);

    public Task WriteResultsAsync(string runId, int batch, IReadOnlyList<TargetResult> results, CancellationToken ct) =>
        WriteAsync(ResultBlob(runId, batch), results, ct);

    /// <summary>Null when the batch has not written its results yet.</summary>
    public async Task<List<TargetResult>?> TryReadResultsAsync(string runId, int batch, CancellationToken ct)
    {
        try
        {
            return await ReadAsync<List<TargetResult>>(ResultBlob(runId, batch), ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The run's results batch by batch, in batch order; one batch in memory at a time.</summary>
    public async IAsyncEnumerable<List<TargetResult>> ReadAllResultsAsync(string runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{runId}/results/" }, ct).ConfigureAwait(false))
            names.Add(item.Name);
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names) yield return await ReadAsync<List<TargetResult>>(name, ct).ConfigureAwait(false);
    }

    private async Task WriteAsync<T>(string name, T value, CancellationToken ct)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, FleetOpsJson.Options);
        await _container.GetBlobClient(name).UploadAsync(new BinaryData(bytes), overwrite: true, ct).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(string name, CancellationToken ct)
    {
        var content = await _container.GetBlobClient(name).DownloadContentAsync(ct).ConfigureAwait(false);
        try
        {
            return content.Value.Content.ToObjectFromJson<T>(FleetOpsJson.Options)
                ?? throw new InvalidDataException($"blob {ContainerName}/{name} holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"blob {ContainerName}/{name} is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }
}
