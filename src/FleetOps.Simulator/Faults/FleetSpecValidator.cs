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

        ValidateFractions("FleetSpec", [
            (nameof(FleetSpec.Down), spec.Down), (nameof(FleetSpec.Slow), spec.Slow), (nameof(FleetSpec.Hang), spec.Hang),
            (nameof(FleetSpec.WrongStatus), spec.WrongStatus), (nameof(FleetSpec.Blackhole), spec.Blackhole)]);
        ValidateOverrides("FleetSpec.Overrides", spec.Overrides, spec.Nodes);
        if (spec.Grpc is { } grpc)
        {
            if (string.IsNullOrEmpty(grpc.Service)) throw new ArgumentException("FleetSpec.Grpc.Service must name a service (\"\" is the server itself).", nameof(spec));
            if (!Enum.IsDefined(grpc.Transport))
                throw new ArgumentOutOfRangeException(nameof(spec), grpc.Transport, "FleetSpec.Grpc.Transport: unknown transport.");
            ValidateFractions("FleetSpec.Grpc", [
                (nameof(GrpcSpec.NotServing), grpc.NotServing), (nameof(GrpcSpec.ServiceUnknown), grpc.ServiceUnknown),
                (nameof(GrpcSpec.Down), grpc.Down), (nameof(GrpcSpec.Hang), grpc.Hang)]);
            ValidateOverrides("FleetSpec.Grpc.Overrides", grpc.Overrides, spec.Nodes);
        }

        if (spec.Ports is { } ports && !(ports.First is >= 1 and <= 65535 && ports.Last >= ports.First && ports.Last <= 65535))
            throw new ArgumentOutOfRangeException(nameof(spec), ports, "FleetSpec.Ports must be a range of ports within 1-65535, first <= last.");

        if (spec.ControlPort is < 0 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(spec), spec.ControlPort, "FleetSpec.ControlPort must be a port (1-65535), or 0 for any free one.");

        if (!Enum.IsDefined(spec.Addressing))
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Addressing, "FleetSpec.Addressing: unknown addressing.");
        if (spec.ResolvedAddressing == NodeAddressing.AddressPerNode) ValidateAddressPerNode(spec);
    }

    private static void ValidateFractions(string owner, (string Name, double Value)[] fractions)
    {
        foreach (var (name, value) in fractions)
        {
            if (!(value is >= 0 and <= 1)) // also rejects NaN
                throw new ArgumentOutOfRangeException("spec", value, $"{owner}.{name} must be a fraction between 0 and 1.");
        }
        var total = fractions.Sum(f => f.Value);
        if (total > 1 + 1e-9) throw new ArgumentException($"{owner} fault fractions add up to {total}, more than 1.", "spec");
    }

    private static void ValidateOverrides<T>(string owner, IReadOnlyDictionary<int, T>? overrides, int nodes) where T : struct, Enum
    {
        foreach (var (index, fault) in overrides ?? new Dictionary<int, T>())
        {
            if (index < 0 || index >= nodes)
                throw new ArgumentOutOfRangeException("spec", index, $"{owner}: index {index} is outside 0..{nodes - 1}.");
            if (!Enum.IsDefined(fault))
                throw new ArgumentOutOfRangeException("spec", fault, $"{owner}: unknown fault {fault} for index {index}.");
        }
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
        if (spec.Grpc is not { } grpc) return;
        if (grpc.Down > 0) throw new ArgumentException($"FleetSpec.Grpc.Down: {AddressPerNodeSockets.Unsupported(GrpcFault.Down)}", nameof(spec));
        foreach (var (index, fault) in grpc.Overrides ?? new Dictionary<int, GrpcFault>())
        {
            if (fault == GrpcFault.Down)
                throw new ArgumentException($"FleetSpec.Grpc.Overrides[{index}]: {AddressPerNodeSockets.Unsupported(fault)}", nameof(spec));
        }
    }
}
