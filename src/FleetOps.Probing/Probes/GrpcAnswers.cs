using FleetOps.Core.Results;
using Grpc.Core;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace FleetOps.Probing;

/// <summary>
/// What a gRPC health answer means for a grpc check: the serving status as the [GRPC_STATUS] fact, the default rule over
/// it, and the error kind of a call that got no answer.
/// </summary>
internal static class GrpcAnswers
{
    /// <summary>The health protocol's word for a service the server does not know (Check answers it as NOT_FOUND).</summary>
    public const string ServiceUnknown = "SERVICE_UNKNOWN";

    public const string Serving = "SERVING";

    /// <summary>The protocol's names (health.proto), one word each, so conditions need no quotes: <c>[GRPC_STATUS] == NOT_SERVING</c>.</summary>
    public static string StatusText(ServingStatus status) => status switch
    {
        ServingStatus.Serving => Serving,
        ServingStatus.NotServing => "NOT_SERVING",
        ServingStatus.ServiceUnknown => ServiceUnknown,
        _ => "UNKNOWN",
    };

    /// <summary>
    /// The default rule: SERVING passes. Anything else is a grpc-status error: NOT_SERVING and UNKNOWN are retried (the
    /// server says "not now", like an HTTP 503), SERVICE_UNKNOWN is not (it does not know the service, like a 404).
    /// </summary>
    public static ProbeError? Judge(string status, string where, string? service) => status == Serving
        ? null
        : new ProbeError(ErrorKind.GrpcStatus, $"{where}: {Asked(service)} is {status}, expected {Serving}") { Transient = status != ServiceUnknown };

    /// <summary>
    /// A call that got no health answer. With the transport's own failure inside (refused, denied by policy, DNS, TLS),
    /// that failure's kind, as for any probe. Otherwise the status code the server (or a proxy) gave: DEADLINE_EXCEEDED is
    /// a timeout; UNIMPLEMENTED (no health service), UNAUTHENTICATED and PERMISSION_DENIED will not change by retrying.
    /// </summary>
    public static ProbeError Failure(RpcException e, string where)
    {
        if (e.Status.DebugException is { } cause) return ProbeErrorClassifier.Classify(cause, where);
        var detail = $"{where}: {e.StatusCode}{(string.IsNullOrEmpty(e.Status.Detail) ? "" : $" ({e.Status.Detail})")}";
        return e.StatusCode switch
        {
            StatusCode.DeadlineExceeded => new ProbeError(ErrorKind.Timeout, detail),
            StatusCode.Unimplemented => new ProbeError(ErrorKind.Other, $"{detail}: the server does not serve grpc.health.v1.Health") { Transient = false },
            StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.InvalidArgument => new ProbeError(ErrorKind.Other, detail) { Transient = false },
            _ => new ProbeError(ErrorKind.Other, detail),
        };
    }

    /// <summary>The response's text metadata, for <c>[HEADERS].name</c> (binary "-bin" entries are left out).</summary>
    public static Dictionary<string, string> HeadersOf(Metadata metadata)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in metadata)
            if (!entry.IsBinary) headers[entry.Key] = headers.TryGetValue(entry.Key, out var earlier) ? $"{earlier}, {entry.Value}" : entry.Value;
        return headers;
    }

    private static string Asked(string? service) => string.IsNullOrEmpty(service) ? "the server" : $"service '{service}'";
}
