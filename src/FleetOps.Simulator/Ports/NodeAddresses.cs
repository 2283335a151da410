using System.Globalization;
using System.Net;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// The loopback address of each node of an address-per-node fleet, and back, by arithmetic (no table): node i is
/// 127.(1 + b / 256).(b % 256).(i % 254 + 1) with b = i / 254, so 127.1.0.1 … 127.1.0.254, 127.1.1.1, … The last octet
/// avoids .0 and .255, and 127.0.x.x (127.0.0.1 and its neighbours, where local services live) is never used.
/// On Linux the whole of 127.0.0.0/8 is routed to the loopback interface, so every address works without setup.
/// </summary>
internal static class NodeAddresses
{
    public const int PerBlock = 254;            // last octet 1..254
    private const int Blocks = 255 * 256;       // second octet 1..255, third 0..255

    /// <summary>How many nodes can have an address: 16,581,120.</summary>
    public const int Capacity = PerBlock * Blocks;

    public static string AddressOf(int index)
    {
        var (a, b, c) = Octets(index);
        return string.Create(CultureInfo.InvariantCulture, $"127.{a}.{b}.{c}");
    }

    public static IPAddress IpOf(int index)
    {
        var (a, b, c) = Octets(index);
        return new IPAddress([127, a, b, c]);
    }

    /// <summary>The node index owning <paramref name="address"/>, or -1 when no node of a fleet this large has it.</summary>
    public static int IndexOf(IPAddress? address, int nodes)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address is null || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork ||
            !address.TryWriteBytes(bytes, out var written) || written != 4)
        {
            return -1;
        }
        return IndexOf(bytes[..4], nodes);
    }

    public static int IndexOf(ReadOnlySpan<byte> ipv4, int nodes)
    {
        if (ipv4.Length != 4 || ipv4[0] != 127 || ipv4[1] == 0 || ipv4[3] is 0 or 255) return -1;
        var block = (ipv4[1] - 1) * 256 + ipv4[2];
        var index = block * PerBlock + ipv4[3] - 1;
        return index < nodes ? index : -1;
    }

    private static (byte A, byte B, byte C) Octets(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        var block = index / PerBlock;
        return ((byte)(1 + block / 256), (byte)(block % 256), (byte)(index % PerBlock + 1));
    }
}
