using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using DnsClient;
using FleetOps.Core.Policy;
using FleetOps.Core.Results;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>Maps what .NET (and DnsClient) throw during a probe onto the report's error kinds.</summary>
public static class ProbeErrorClassifier
{
    public static ProbeError Classify(Exception exception, string context)
    {
        var kind = KindOf(exception);
        return new ProbeError(kind, $"{context}: {Describe(exception)}") { Transient = kind.IsTransient() && !IsSetupError(exception) };
    }

    private static ErrorKind KindOf(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PolicyDeniedException: return ErrorKind.Denied;
                case AuthenticationException: return ErrorKind.Tls;
                case DnsResponseException { Code: DnsResponseCode.ConnectionTimeout }: return ErrorKind.Timeout;
                case DnsResponseException: return ErrorKind.Dns;
                case RegexMatchTimeoutException: return ErrorKind.Other; // a pattern too slow for the answer, not a slow target
                case TimeoutException: return ErrorKind.Timeout;
                case OperationCanceledException: return ErrorKind.Timeout;
                case SocketException s: return KindOf(s.SocketErrorCode);
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }: return ErrorKind.Dns;
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }: return ErrorKind.Tls;
            }
        }
        return ErrorKind.Other;
    }

    private static ErrorKind KindOf(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => ErrorKind.Refused,
        SocketError.TimedOut => ErrorKind.Timeout,
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => ErrorKind.Dns,
        _ => ErrorKind.Other,
    };

    /// <summary>
    /// A check the probe cannot run as written (no port, a bad pattern), or this host cannot run at all (no way to send an
    /// ICMP echo): the next attempt would fail the same way.
    /// </summary>
    private static bool IsSetupError(Exception e) =>
        e is ArgumentException or FormatException or RegexMatchTimeoutException or PlatformNotSupportedException;

    private static string Describe(Exception e)
    {
        // The innermost message is the specific one ("Connection refused"); outer ones add the URL we already have.
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner == e ? e.Message : $"{e.Message} ({inner.Message})";
    }
}
