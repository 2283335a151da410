namespace FleetOps.Core.Checks;

/// <summary>The record types a dns check asks for, by name.</summary>
public static class DnsRecordTypes
{
    public static readonly IReadOnlyList<string> Supported = ["A", "AAAA", "CNAME", "TXT", "MX", "NS"];

    public static bool IsSupported(string recordType) => Supported.Contains(recordType.ToUpperInvariant());
}
