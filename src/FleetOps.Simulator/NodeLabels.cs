namespace FleetOps.Simulator;

/// <summary>The labels every simulated node carries, so sweeps can be grouped and filtered like a real fleet.</summary>
internal static class NodeLabels
{
    private static readonly string[] Groups = ["web", "api", "db"];
    private static readonly string[] Zones = ["a", "b"];

    public static IReadOnlyDictionary<string, string> For(int index, NodeFault fault) => new Dictionary<string, string>
    {
        ["group"] = Groups[index % Groups.Length],
        ["zone"] = Zones[index % Zones.Length],
        ["fault"] = FaultLabel(fault),
    };

    /// <summary>The fault's name in lower case: "none", "down", "slow", "hang", "wrongstatus", "blackhole".</summary>
    public static string FaultLabel(NodeFault fault) => fault.ToString().ToLowerInvariant();

    /// <summary>1-based, at least 4 digits: the first node is node-0001.</summary>
    public static string NameFor(string prefix, int index) => $"{prefix}{index + 1:D4}";
}
