namespace FleetOps.Host.Engine;

/// <summary>Where the engine's worker is: readiness reports it.</summary>
public enum EngineState
{
    /// <summary>Creating the task hub and starting the worker; retried with backoff while storage does not answer.</summary>
    Starting,
    Running,
    /// <summary>The watchdog is replacing a stalled worker with a fresh one.</summary>
    Recycling,
    Stopping,
    Stopped,
}

/// <summary>What the watchdog needs of the engine: its state, and a way to replace its worker in-process.</summary>
public interface IRecyclableEngine
{
    EngineState State { get; }

    Task RecycleAsync(string reason, CancellationToken ct);
}
