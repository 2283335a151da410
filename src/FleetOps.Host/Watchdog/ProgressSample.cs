namespace FleetOps.Host.Watchdog;

/// <summary>
/// One unit of outstanding work as a source sees it now. <see cref="Signature"/> changes whenever the work moves
/// (a batch or wave done, an orchestration episode); the same key with the same signature has not moved.
/// </summary>
public sealed record ProgressSample(string Key, string Signature, string? InstanceId = null, string? MessageId = null);

/// <summary>
/// Something whose outstanding work the watchdog watches: runs (sweeps, rollouts) and the engine's refused messages
/// today; monitors' cycles add a source here (a late cycle is a sample whose signature stopped changing).
/// </summary>
public interface IProgressSource
{
    Task<IReadOnlyList<ProgressSample>> SampleAsync(CancellationToken ct);
}
