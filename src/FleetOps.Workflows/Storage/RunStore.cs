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
    private readonly BlobJsonStore _blobs = new(storage.Blobs, ContainerName);

    public static string BatchBlob(string runId, int batch) => $"{runId}/batches/{batch:D5}.json";
    public static string ResultBlob(string runId, int batch) => $"{runId}/results/{batch:D5}.json";

    public Task EnsureCreatedAsync(CancellationToken ct = default) => _blobs.EnsureCreatedAsync(ct);

    public Task WriteBatchAsync(string runId, int batch, IReadOnlyList<ProbeTask> tasks, CancellationToken ct) =>
        _blobs.WriteAsync(BatchBlob(runId, batch), tasks, ct);

    public Task<List<ProbeTask>> ReadBatchAsync(string runId, int batch, CancellationToken ct) =>
        _blobs.ReadAsync<List<ProbeTask>>(BatchBlob(runId, batch), ct);

    public Task WriteResultsAsync(string runId, int batch, IReadOnlyList<TargetResult> results, CancellationToken ct) =>
        _blobs.WriteAsync(ResultBlob(runId, batch), results, ct);

    /// <summary>Null when the batch has not written its results yet.</summary>
    public Task<List<TargetResult>?> TryReadResultsAsync(string runId, int batch, CancellationToken ct) =>
        _blobs.TryReadAsync<List<TargetResult>>(ResultBlob(runId, batch), ct);

    /// <summary>The run's results batch by batch, in batch order; one batch in memory at a time.</summary>
    public async IAsyncEnumerable<List<TargetResult>> ReadAllResultsAsync(string runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var name in await _blobs.ListAsync($"{runId}/results/", ct).ConfigureAwait(false))
            yield return await _blobs.ReadAsync<List<TargetResult>>(name, ct).ConfigureAwait(false);
    }
}
