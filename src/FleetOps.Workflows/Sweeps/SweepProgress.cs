namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// A sweep's custom status: what GET /api/runs/{id} shows as progress while it runs. A chunked sweep's own status
/// counts finished chunks; the API adds the running chunks' statuses for a live figure.
/// </summary>
public sealed record SweepProgress(string Phase, int BatchesDone, int BatchesTotal, int TargetsDone, int TargetsTotal, int Ok, int Failed)
{
    public int ChunksTotal { get; init; }
    public int ChunksDone { get; init; }
}
