namespace FleetOps.Core.Results;

/// <summary>A classified failure with enough context to act on: what kind, what happened, whether to retry.</summary>
public sealed record ProbeError(ErrorKind Kind, string Message)
{
    public bool Transient => Kind.IsTransient();
}
