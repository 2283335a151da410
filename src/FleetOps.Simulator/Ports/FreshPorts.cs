using System.Net.Sockets;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// Picks node ports below the OS's ephemeral range instead of binding port 0. Linux's port-0 search slows down as a
/// process holds more ports (about 1 ms a bind past ~3,000 held here: a 5,000-node fleet took 9 s to open its ports);
/// binding a named port is a hash lookup. Staying out of the ephemeral range also keeps fleet ports clear of the
/// probes' own outgoing connections. Process-wide cursor, started at a random point to spread concurrent processes.
/// </summary>
internal static class FreshPorts
{
    private const int Lowest = 10000;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>[First, First + Count), or null where the ephemeral range is unknown or leaves no room: then port 0.</summary>
    private static readonly (int First, int Count)? Range = FindRange();

    private static int _cursor = Random.Shared.Next();

    /// <summary>Opens a socket on a free port: <paramref name="open"/> is tried on candidate ports until one is free.</summary>
    public static Socket Open(Func<int, Socket> open)
    {
        if (Range is not { } range) return open(0);
        for (var attempt = 0; attempt < range.Count; attempt++)
        {
            var port = range.First + (int)((uint)Interlocked.Increment(ref _cursor) % (uint)range.Count);
            try
            {
                return open(port);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                // taken by someone else (another fleet, another process, a real service): next one
            }
        }
        throw new InvalidOperationException($"No free loopback port left in {range.First}..{range.First + range.Count - 1}.");
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
