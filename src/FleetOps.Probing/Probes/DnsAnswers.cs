using DnsClient;
using DnsClient.Protocol;
using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>A dns check's record type as DnsClient asks it, and how each answer reads as a [DNS_ANSWERS] entry.</summary>
internal static class DnsAnswers
{
    public static QueryType Parse(string recordType) => recordType.ToUpperInvariant() switch
    {
        "A" => QueryType.A,
        "AAAA" => QueryType.AAAA,
        "CNAME" => QueryType.CNAME,
        "TXT" => QueryType.TXT,
        "MX" => QueryType.MX,
        "NS" => QueryType.NS,
        _ => throw new FormatException($"recordType: '{recordType}' is not one of {string.Join(", ", DnsRecordTypes.Supported)}"),
    };

    /// <summary>Answers of the asked type only (a CNAME met on the way to an A record is not an A answer), as text.</summary>
    public static List<string> AnswersOf(IEnumerable<DnsResourceRecord> answers, QueryType type) =>
        answers.Where(r => (int)r.RecordType == (int)type).Select(Text).OfType<string>().ToList();

    private static string? Text(DnsResourceRecord record) => record switch
    {
        AddressRecord a => a.Address.ToString(), // A and AAAA
        CNameRecord c => Name(c.CanonicalName),
        TxtRecord t => string.Concat(t.Text), // one TXT record split into 255-byte strings is one value (SPF, DKIM)
        MxRecord m => $"{m.Preference} {Name(m.Exchange)}",
        NsRecord n => Name(n.NSDName),
        _ => null,
    };

    private static string Name(DnsString name) => name.Value.TrimEnd('.');

    /// <summary>The RCODE's name as dig prints it: NOERROR, NXDOMAIN, SERVFAIL, REFUSED…</summary>
    public static string RcodeText(DnsHeaderResponseCode code) => code switch
    {
        DnsHeaderResponseCode.NoError => "NOERROR",
        DnsHeaderResponseCode.FormatError => "FORMERR",
        DnsHeaderResponseCode.ServerFailure => "SERVFAIL",
        DnsHeaderResponseCode.NotExistentDomain => "NXDOMAIN",
        DnsHeaderResponseCode.NotImplemented => "NOTIMP",
        DnsHeaderResponseCode.Refused => "REFUSED",
        DnsHeaderResponseCode.ExistingDomain => "YXDOMAIN",
        DnsHeaderResponseCode.ExistingResourceRecordSet => "YXRRSET",
        DnsHeaderResponseCode.MissingResourceRecordSet => "NXRRSET",
        DnsHeaderResponseCode.NotAuthorized => "NOTAUTH",
        DnsHeaderResponseCode.NotZone => "NOTZONE",
        _ => $"RCODE{(int)code}",
    };
}
