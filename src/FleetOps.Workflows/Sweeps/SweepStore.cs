using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;
using FleetOps.Core.Results;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// A sweep's bulk data in <c>fleetops-runs</c>, under deterministic names so every write is idempotent under
/// redelivery: <c>{runId}/request.json</c> (the request as accepted, targets resolved: the one write a start does),
/// <c>{runId}/batches/{i}.json</c> (what to probe, cut from the request by the orchestration's first activity) and
/// <c>{runId}/results/{i}.json</c> (what was found).
/// </summary>
public sealed class SweepStore(StorageClients storage)
{
    private readonly BlobJsonStore _blobs = new(storage.Blobs, RunStore.ContainerName);

    public static string RequestBlob(string runId) => $"{runId}/request.json";
    public static string BatchBlob(string runId, int batch) => $"{runId}/batches/{batch:D5}.json";
    public static string ResultBlob(string runId, int batch) => $"{runId}/results/{batch:D5}.json";

    /// <summary>Stores the request unless a start of the same run already did; false when one had (that one is the run's).</summary>
    public Task<bool> TryCreateRequestAsync(string runId, SweepRequest request, CancellationToken ct) =>
        _blobs.TryCreateAsync(RequestBlob(runId), request, ct);

    public Task<SweepRequest> ReadRequestAsync(string runId, CancellationToken ct) =>
        _blobs.ReadAsync<SweepRequest>(RequestBlob(runId), ct);

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
