using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FleetOps.Core.Checks;

/// <summary>A check kind: its name on the wire ("tcp") and the record that carries its fields.</summary>
public sealed record CheckKind(string Name, Type SpecType)
{
    public static CheckKind Of<TCheck>(string name) where TCheck : CheckSpec => new(name, typeof(TCheck));

    /// <summary>The JSON fields the kind takes (camelCase, "kind" itself not included), with their CLR types.</summary>
    public IReadOnlyDictionary<string, Type> Fields { get; } = FieldsOf(SpecType);

    // A plain resolver, not FleetOpsJson's: that one asks this registry while it builds check contracts.
    private static readonly JsonSerializerOptions Plain = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static Dictionary<string, Type> FieldsOf(Type specType) =>
        Plain.GetTypeInfo(specType).Properties.Where(p => p.Set is not null).ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.Ordinal);
}

/// <summary>
/// Every check kind, registered once. The JSON contract (<see cref="CheckJson"/>), the validators, the "unknown kind"
/// message, the prober's probe lookup (FleetOps.Probing finds a probe per <see cref="CheckKind.SpecType"/>) and the API's
/// description of the kinds all read this list. Adding a kind: its record in this folder, its probe in
/// FleetOps.Probing/Probes, one line here, tests and a README row.
/// </summary>
public static class CheckKinds
{
    public static readonly IReadOnlyList<CheckKind> All =
    [
        CheckKind.Of<TcpCheck>("tcp"),
        CheckKind.Of<HttpCheck>("http"),
        CheckKind.Of<TlsCheck>("tls"),
        CheckKind.Of<DnsCheck>("dns"),
        CheckKind.Of<IcmpCheck>("icmp"),
        CheckKind.Of<GrpcCheck>("grpc"),
    ];

    /// <summary>"tcp, http, tls, dns, icmp, grpc": for messages.</summary>
    public static readonly string Names = string.Join(", ", All.Select(k => k.Name));

    private static readonly FrozenDictionary<Type, CheckKind> ByType = All.ToFrozenDictionary(k => k.SpecType);
    private static readonly FrozenDictionary<string, CheckKind> ByName = All.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);

    public static CheckKind? Find(Type specType) => ByType.GetValueOrDefault(specType);

    public static CheckKind? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The registered name of the check's kind; an unregistered record (never valid) shows its type name.</summary>
    public static string NameOf(CheckSpec check) => Find(check.GetType())?.Name ?? check.GetType().Name;

    /// <summary>"http, tls": the kinds that take <paramref name="field"/>.</summary>
    public static string Taking(string field) => string.Join(", ", All.Where(k => k.Fields.ContainsKey(field)).Select(k => k.Name));
}
