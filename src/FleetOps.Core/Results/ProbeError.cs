namespace FleetOps.Core.Results;

/// <summary>A classified failure with enough context to act on: what kind, what happened, whether to retry.</summary>
public sealed record ProbeError(ErrorKind Kind, string Message)
{
    /// <summary>Whether another attempt may succeed. Set by the probe where the kind alone cannot tell (HTTP 503 vs 404).</summary>
    public bool Transient { get; init; } = Kind.IsTransient();
}
