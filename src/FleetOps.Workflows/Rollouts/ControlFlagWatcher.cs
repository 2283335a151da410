using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// What an action chunk looks at before it starts each node: has the rollout been paused or cancelled since? Reads the
/// run's <c>control.json</c> at most once per <see cref="Every"/> for the whole chunk, and remembers a stop once seen.
/// A read that fails counts as "go on" (the orchestrator still stops between chunks); it is logged, not thrown.
/// </summary>
internal sealed class ControlFlagWatcher(RolloutStore store, string runId, ILogger logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private RolloutStop _seen = RolloutStop.None;
    private long? _readAt;

    /// <summary>A stop is final; a "go on" is good for <see cref="Every"/>.</summary>
    private bool Fresh => _seen != RolloutStop.None || (_readAt is { } at && Environment.TickCount64 - at < Every.TotalMilliseconds);

    public async ValueTask<RolloutStop> CheckAsync(CancellationToken ct)
    {
        if (Fresh) return _seen;
        await _reading.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Fresh) return _seen;
            try
            {
                _seen = (await store.TryReadControlAsync(runId, ct).ConfigureAwait(false))?.Stop ?? RolloutStop.None;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Rollout {RunId}: could not read its control flag ({Error}); going on", runId, e.Message);
            }
            _readAt = Environment.TickCount64;
            return _seen;
        }
        finally
        {
            _reading.Release();
        }
    }
}
