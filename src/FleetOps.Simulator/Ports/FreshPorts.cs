using System.Net.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// Where a fleet's ports come from. Without a <see cref="PortRange"/>: below the OS's ephemeral range instead of port 0.
/// Linux's port-0 search slows down as a process holds more ports (about 1 ms a bind past ~3,000 held here: a 5,000-node
/// fleet took 9 s to open its ports); binding a named port is a hash lookup. Staying out of the ephemeral range also
/// keeps fleet ports clear of the probes' own outgoing connections. A process-wide cursor, started at a random point to
/// spread concurrent processes. With a range: in order from its first port, for this fleet alone.
/// </summary>
internal sealed class FreshPorts
{
    private const int Lowest = 10000;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>[First, First + Count), or null where the ephemeral range is unknown or leaves no room: then port 0.</summary>
    private static readonly (int First, int Count)? DefaultRange = FindRange();

    private static int _sharedCursor = Random.Shared.Next();

    private readonly PortRange? _range;
    private int _next;

    private FreshPorts(PortRange? range) => _range = range;

    /// <summary>Ports from <paramref name="range"/> in order, or (null) from the process-wide default.</summary>
    public static FreshPorts From(PortRange? range) => new(range);

    /// <summary>
    /// Opens a socket on a free port: <paramref name="open"/> is tried on candidate ports until one is not taken
    /// (<see cref="SocketError.AddressAlreadyInUse"/> or <see cref="SocketError.AccessDenied"/>: next one).
    /// </summary>
    public T Open<T>(Func<int, T> open)
    {
        if (_range is { } range)
        {
            while (_next < range.Count)
            {
                if (TryOpen(range.First + _next++, open, out var opened)) return opened;
            }
            throw new InvalidOperationException($"No free port left in the fleet's port range {range}.");
        }
        if (DefaultRange is not { } fallback) return open(0);
        for (var attempt = 0; attempt < fallback.Count; attempt++)
        {
            var port = fallback.First + (int)((uint)Interlocked.Increment(ref _sharedCursor) % (uint)fallback.Count);
            if (TryOpen(port, open, out var opened)) return opened;
        }
        throw new InvalidOperationException($"No free loopback port left in {fallback.First}..{fallback.First + fallback.Count - 1}.");
    }

    private static bool TryOpen<T>(int port, Func<int, T> open, out T opened)
    {
        try
        {
            opened = open(port);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            opened = default!; // taken by someone else (another fleet, another process, a real service): next one
            return false;
        }
    }

    private static (int, int)? FindRange()
    {
        try
        {
            var bounds = File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var ephemeralLow = int.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
            // Room for a few thousand nodes below the ephemeral range, or port 0 after all.
            return ephemeralLow - Lowest >= 4096 ? (Lowest, ephemeralLow - Lowest) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // not Linux: let the OS pick
        }
    }
}
