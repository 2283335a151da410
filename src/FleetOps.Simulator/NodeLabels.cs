using System.Collections.Frozen;

namespace FleetOps.Simulator;

/// <summary>The labels every simulated node carries, so sweeps can be grouped and filtered like a real fleet.</summary>
internal static class NodeLabels
{
    private static readonly string[] Groups = ["web", "api", "db"];
    private static readonly string[] Zones = ["a", "b"];
    private static readonly NodeFault[] Faults = Enum.GetValues<NodeFault>();

    /// <summary>No gRPC (null), then each gRPC fault: the fleets that serve gRPC also label nodes with theirs.</summary>
    private static readonly GrpcFault?[] GrpcFaults = [null, .. Enum.GetValues<GrpcFault>().Select(f => (GrpcFault?)f)];

    /// <summary>
    /// Every combination of group, zone, fault and gRPC fault, built once: nodes share these immutable dictionaries, so
    /// a 100,000-node fleet does not hold 100,000 of them.
    /// </summary>
    private static readonly FrozenDictionary<string, string>[] Shared =
    [
        .. from g in Enumerable.Range(0, Groups.Length)
           from z in Enumerable.Range(0, Zones.Length)
           from f in Faults
           from grpc in GrpcFaults
           select Labels(Groups[g], Zones[z], f, grpc),
    ];

    /// <summary>group, zone and fault; with gRPC, also grpc (the gRPC fault).</summary>
    public static IReadOnlyDictionary<string, string> For(int index, NodeFault fault, GrpcFault? grpc = null) =>
        Shared[(((index % Groups.Length) * Zones.Length + index % Zones.Length) * Faults.Length + Array.IndexOf(Faults, fault))
               * GrpcFaults.Length + Array.IndexOf(GrpcFaults, grpc)];

    /// <summary>The fault's name in lower case: "none", "down", "slow", "hang", "wrongstatus", "blackhole".</summary>
    public static string FaultLabel(NodeFault fault) => fault.ToString().ToLowerInvariant();

    /// <summary>The gRPC fault's name in lower case: "serving", "notserving", "serviceunknown", "down", "hang".</summary>
    public static string FaultLabel(GrpcFault fault) => fault.ToString().ToLowerInvariant();

    private static FrozenDictionary<string, string> Labels(string group, string zone, NodeFault fault, GrpcFault? grpc)
    {
        var labels = new Dictionary<string, string> { ["group"] = group, ["zone"] = zone, ["fault"] = FaultLabel(fault) };
        if (grpc is { } g) labels["grpc"] = FaultLabel(g);
        return labels.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>1-based, at least 4 digits: the first node is node-0001.</summary>
    public static string NameFor(string prefix, int index) => $"{prefix}{index + 1:D4}";

    /// <summary>
    /// The inverse of <see cref="NameFor"/> by parsing, not by a table: the index of <paramref name="name"/> in a fleet of
    /// <paramref name="nodes"/> nodes, or -1. Exact: "node-1" and "node-00001" are no node's name.
    /// </summary>
    public static int IndexOf(string prefix, string name, int nodes)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return -1;
        var digits = name.AsSpan(prefix.Length);
        // D4: exactly four digits (leading zeros) up to 9999, no leading zero beyond.
        if (digits.Length < 4 || digits.Length > 10 || (digits.Length > 4 && digits[0] == '0')) return -1;
        long number = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9') return -1;
            number = number * 10 + (c - '0');
        }
        return number >= 1 && number <= nodes ? (int)(number - 1) : -1;
    }
}
