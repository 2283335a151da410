namespace FleetOps.Workflows.Sweeps;

/// <summary>The sweep's custom status: what GET /api/runs/{id} shows as progress while it runs.</summary>
public sealed record SweepProgress(string Phase, int BatchesDone, int BatchesTotal, int TargetsDone, int TargetsTotal, int Ok, int Failed);
