namespace FleetOps.Core.Results;

/// <summary>Why a check failed. Transient kinds are retried; permanent ones are reported at once.</summary>
public enum ErrorKind
{
    Timeout,
    Refused,
    Dns,
    Tls,
    HttpStatus,
    Denied,
    Other,
}

public static class ErrorKinds
{
    /// <summary>A later attempt may succeed: the network or the node may recover. A TLS or policy failure will not.</summary>
    public static bool IsTransient(this ErrorKind kind) =>
        kind is ErrorKind.Timeout or ErrorKind.Refused or ErrorKind.Dns or ErrorKind.Other;
}
