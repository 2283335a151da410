namespace FleetOps.Workflows.Storage;

/// <summary>
/// Where every run kind keeps its bulk data: one blob container, each run under <c>{runId}/</c> with deterministic
/// names, so every write is idempotent under redelivery (sweeps: <c>Sweeps/SweepStore</c>; rollouts: <c>RolloutStore</c>).
/// Orchestration state keeps only counts; the rows live here.
/// </summary>
public static class RunStore
{
    public const string ContainerName = "fleetops-runs";
}
