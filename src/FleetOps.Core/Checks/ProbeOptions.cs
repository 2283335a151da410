namespace FleetOps.Core.Checks;

/// <summary>How a batch is probed. Defaults suit a health sweep over a LAN; all are per-request overridable.</summary>
public sealed record ProbeOptions
{
    public const int MaxConcurrency = 512;
    public const int MaxTimeoutMs = 60_000;
    public const int MaxAttempts = 10;
    public const int MaxRetryBackoffMs = 10_000;

    /// <summary>Probes in flight at once within one batch.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Per attempt, per check.</summary>
    public int TimeoutMs { get; init; } = 2_000;

    /// <summary>Attempts per check (N-of-M: a check fails only when all fail); only transient errors are retried.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Delay before the second attempt; doubles each time, up to <see cref="MaxRetryBackoffMs"/>.</summary>
    public int RetryBackoffMs { get; init; } = 200;
}
