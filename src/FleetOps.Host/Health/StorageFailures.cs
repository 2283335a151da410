using System.Net.Sockets;
using Azure;

namespace FleetOps.Host.Health;

/// <summary>Tells a storage outage (no answer, a timeout, a 5xx) apart from an answer that is the caller's problem.</summary>
public static class StorageFailures
{
    public static bool IsUnavailable(Exception e) => e switch
    {
        RequestFailedException r => r.Status is 0 or 500 or 502 or 503 or 504 || (r.InnerException is { } inner && IsUnavailable(inner)),
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsUnavailable),
        HttpRequestException or SocketException or TimeoutException => true,
        IOException when e.InnerException is SocketException => true,
        _ => e.InnerException is { } cause && IsUnavailable(cause),
    };

    /// <summary>One short line: what failed, without stack or response body.</summary>
    public static string Summary(Exception e) => e switch
    {
        OperationCanceledException => "no answer within the probe's timeout",
        AggregateException { InnerExceptions.Count: > 0 } a => Summary(a.InnerExceptions[^1]),
        RequestFailedException { Status: 0 } r when r.InnerException is { } inner => Summary(inner),
        RequestFailedException r => $"HTTP {r.Status} {r.ErrorCode}".TrimEnd(),
        HttpRequestException { InnerException: SocketException s } => s.Message,
        _ => FirstLine(e.Message),
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
