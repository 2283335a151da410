using FleetOps.Simulator.Ports;

namespace FleetOps.Simulator.Faults;

/// <summary>Rejects specs that cannot be planned, with a message naming the field.</summary>
internal static class FleetSpecValidator
{
    public static void Validate(FleetSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Nodes < 1) throw new ArgumentOutOfRangeException(nameof(spec), spec.Nodes, "FleetSpec.Nodes must be at least 1.");
        if (string.IsNullOrWhiteSpace(spec.NamePrefix)) throw new ArgumentException("FleetSpec.NamePrefix must not be empty.", nameof(spec));
        if (spec.SlowDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(spec), spec.SlowDelay, "FleetSpec.SlowDelay must not be negative.");
        if (spec.WrongStatusCode is < 100 or > 599)
            throw new ArgumentOutOfRangeException(nameof(spec), spec.WrongStatusCode, "FleetSpec.WrongStatusCode must be an HTTP status (100-599).");

        var fractions = new (string Name, double Value)[]
        {
            (nameof(FleetSpec.Down), spec.Down), (nameof(FleetSpec.Slow), spec.Slow), (nameof(FleetSpec.Hang), spec.Hang),
            (nameof(FleetSpec.WrongStatus), spec.WrongStatus), (nameof(FleetSpec.Blackhole), spec.Blackhole),
        };
        foreach (var (name, value) in fractions)
        {
            if (!(value is >= 0 and <= 1)) // also rejects NaN
                throw new ArgumentOutOfRangeException(nameof(spec), value, $"FleetSpec.{name} must be a fraction between 0 and 1.");
        }
        var total = fractions.Sum(f => f.Value);
        if (total > 1 + 1e-9) throw new ArgumentException($"FleetSpec fault fractions add up to {total}, more than 1.", nameof(spec));

        foreach (var (index, fault) in spec.Overrides ?? new Dictionary<int, NodeFault>())
        {
            if (index < 0 || index >= spec.Nodes)
                throw new ArgumentOutOfRangeException(nameof(spec), index, $"FleetSpec.Overrides: index {index} is outside 0..{spec.Nodes - 1}.");
            if (!Enum.IsDefined(fault))
                throw new ArgumentOutOfRangeException(nameof(spec), fault, $"FleetSpec.Overrides: unknown fault {fault} for index {index}.");
        }

        if (spec.Ports is { } ports && !(ports.First is >= 1 and <= 65535 && ports.Last >= ports.First && ports.Last <= 65535))
            throw new ArgumentOutOfRangeException(nameof(spec), ports, "FleetSpec.Ports must be a range of ports within 1-65535, first <= last.");

        if (!Enum.IsDefined(spec.Addressing))
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Addressing, "FleetSpec.Addressing: unknown addressing.");
        if (spec.ResolvedAddressing == NodeAddressing.AddressPerNode) ValidateAddressPerNode(spec);
    }

    private static void ValidateAddressPerNode(FleetSpec spec)
    {
        if (spec.Nodes > NodeAddresses.Capacity)
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Nodes, $"FleetSpec.Nodes: an address-per-node fleet has at most {NodeAddresses.Capacity:N0} nodes.");
        // Any non-zero fraction is refused, even one too small to give a node the fault: it is a mistake either way.
        if (spec.Down > 0) throw new ArgumentException($"FleetSpec.Down: {AddressPerNodeSockets.Unsupported(NodeFault.Down)}", nameof(spec));
        if (spec.Blackhole > 0) throw new ArgumentException($"FleetSpec.Blackhole: {AddressPerNodeSockets.Unsupported(NodeFault.Blackhole)}", nameof(spec));
        foreach (var (index, fault) in spec.Overrides ?? new Dictionary<int, NodeFault>())
        {
            if (!AddressPerNodeSockets.IsSupported(fault))
                throw new ArgumentException($"FleetSpec.Overrides[{index}]: {AddressPerNodeSockets.Unsupported(fault)}", nameof(spec));
        }
    }
}
