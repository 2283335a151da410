namespace FleetOps.Core.Conditions;

internal enum Placeholder
{
    Connected,
    Status,
    ResponseTime,
    Body,
    Headers,
    CertificateExpiration,
    CertificateChainValid,
    CertificateHostnameValid,
    TlsVersion,
    DnsRcode,
    DnsAnswers,
    Ip,
    GrpcStatus,
    PacketLoss,
    RttMin,
    RttAvg,
    RttMax,
}

/// <summary>
/// What a left side is known to be before any probe runs. Lets the parser reject <c>[STATUS] == UP</c> or
/// <c>[BODY] &gt; 5</c> with a 400 instead of a check that silently never passes. JSON paths are <see cref="Dynamic"/>:
/// their type is only known per response.
/// </summary>
internal enum OperandType { Bool, Number, Milliseconds, Duration, Text, List, Dynamic }

internal static class Placeholders
{
    private static readonly (string Name, Placeholder Placeholder, OperandType Type)[] Table =
    [
        ("CONNECTED", Placeholder.Connected, OperandType.Bool),
        ("STATUS", Placeholder.Status, OperandType.Number),
        ("RESPONSE_TIME", Placeholder.ResponseTime, OperandType.Milliseconds),
        ("BODY", Placeholder.Body, OperandType.Text),
        ("HEADERS", Placeholder.Headers, OperandType.Text),
        ("CERTIFICATE_EXPIRATION", Placeholder.CertificateExpiration, OperandType.Duration),
        ("CERTIFICATE_CHAIN_VALID", Placeholder.CertificateChainValid, OperandType.Bool),
        ("CERTIFICATE_HOSTNAME_VALID", Placeholder.CertificateHostnameValid, OperandType.Bool),
        ("TLS_VERSION", Placeholder.TlsVersion, OperandType.Text),
        ("DNS_RCODE", Placeholder.DnsRcode, OperandType.Text),
        ("DNS_ANSWERS", Placeholder.DnsAnswers, OperandType.List),
        ("IP", Placeholder.Ip, OperandType.Text),
        ("GRPC_STATUS", Placeholder.GrpcStatus, OperandType.Text),
        ("PACKET_LOSS", Placeholder.PacketLoss, OperandType.Number),
        ("RTT_MIN", Placeholder.RttMin, OperandType.Milliseconds),
        ("RTT_AVG", Placeholder.RttAvg, OperandType.Milliseconds),
        ("RTT_MAX", Placeholder.RttMax, OperandType.Milliseconds),
    ];

    public static IEnumerable<string> Names => Table.Select(t => t.Name);

    public static bool TryGet(string name, out Placeholder placeholder, out OperandType type)
    {
        foreach (var entry in Table)
        {
            if (entry.Name == name)
            {
                (placeholder, type) = (entry.Placeholder, entry.Type);
                return true;
            }
        }
        (placeholder, type) = (default, default);
        return false;
    }

    /// <summary>The real name when <paramref name="name"/> only differs in case ("status" → "STATUS"), for a hint.</summary>
    public static string? CaseInsensitiveMatch(string name) =>
        Table.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)).Name;

    public static string NameOf(Placeholder placeholder) => Table.First(t => t.Placeholder == placeholder).Name;
}
