namespace FleetOps.Core.Results;

/// <summary>
/// What one attempt observed, for conditions to judge: <c>[CONNECTED]</c>, <c>[STATUS]</c>, <c>[RESPONSE_TIME]</c>,
/// <c>[BODY]</c> (and <c>[BODY].json.path</c>), <c>[HEADERS].name</c>, <c>[CERTIFICATE_EXPIRATION]</c>, <c>[DNS_RCODE]</c>,
/// <c>[DNS_ANSWERS]</c>, <c>[IP]</c>, <c>[TLS_VERSION]</c>, <c>[GRPC_STATUS]</c>, <c>[PACKET_LOSS]</c>, <c>[RTT_MIN]</c>,
/// <c>[RTT_AVG]</c>, <c>[RTT_MAX]</c>. A probe fills what its kind can know; the rest stays null.
/// </summary>
public sealed record ProbeFacts
{
    public const int MaxBodyChars = 64 * 1024;

    public bool Connected { get; init; }
    public double ResponseTimeMs { get; init; }
    public string? Ip { get; init; }
    public int? Status { get; init; }

    /// <summary>At most <see cref="MaxBodyChars"/> characters of the response body.</summary>
    public string? Body { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public TimeSpan? CertificateExpiration { get; init; }
    public bool? CertificateChainValid { get; init; }
    public bool? CertificateHostnameValid { get; init; }
    public string? TlsVersion { get; init; }

    public string? DnsRcode { get; init; }
    public IReadOnlyList<string>? DnsAnswers { get; init; }

    /// <summary>A gRPC health answer's serving status: SERVING, NOT_SERVING, UNKNOWN, or SERVICE_UNKNOWN (NOT_FOUND).</summary>
    public string? GrpcStatus { get; init; }

    /// <summary>Per cent of the ICMP echo requests sent that got no reply (0-100).</summary>
    public double? PacketLoss { get; init; }

    /// <summary>Round-trip times of the ICMP echo replies, in milliseconds; null when none came.</summary>
    public double? RttMinMs { get; init; }
    public double? RttAvgMs { get; init; }
    public double? RttMaxMs { get; init; }
}

/// <summary>One condition's verdict, with what it saw: "[STATUS] == 200" → false, actual "503".</summary>
public sealed record ConditionResult(string Condition, bool Ok, string? Actual = null);
