using System.Net.Sockets;
using System.Text;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// Restricts a socket to one network interface with SO_BINDTODEVICE (Linux). A listener on 0.0.0.0 restricted to "lo"
/// takes every 127.0.0.0/8 address, but no packet that arrived on another interface: not from outside the machine, and
/// not even a local connect to the machine's own LAN address (verified on Linux 6.x: refused).
/// Setting it needs CAP_NET_RAW before Linux 5.7; since then any user may bind a socket that is not yet bound to a device.
/// </summary>
internal static class LoopbackDevice
{
    public const string Name = "lo";

    private const int SolSocket = 1;        // SOL_SOCKET on Linux
    private const int SoBindToDevice = 25;  // SO_BINDTODEVICE on Linux

    /// <summary>
    /// Binds <paramref name="socket"/> (not yet bound) to <paramref name="device"/>, then reads the option back.
    /// Throws <see cref="InvalidOperationException"/> when that is impossible; there is no unrestricted fallback.
    /// </summary>
    public static void Restrict(Socket socket, string device = Name)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException(
                "Address-per-node fleets need Linux (the whole of 127.0.0.0/8 on the loopback interface, and SO_BINDTODEVICE); " +
                $"use port-per-node addressing and at most {FleetSpec.AddressPerNodeAbove:N0} nodes.");
        }
        var name = Encoding.ASCII.GetBytes(device + "\0");
        try
        {
            socket.SetRawSocketOption(SolSocket, SoBindToDevice, name);
            Span<byte> bound = stackalloc byte[64];
            var length = socket.GetRawSocketOption(SolSocket, SoBindToDevice, bound);
            var actual = Encoding.ASCII.GetString(bound[..length]).TrimEnd('\0');
            if (actual != device) throw new SocketException((int)SocketError.InvalidArgument, $"the socket reports device '{actual}'");
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException(
                $"Address-per-node fleets need root for SO_BINDTODEVICE on \"{device}\" (CAP_NET_RAW; any user since Linux 5.7), " +
                $"which keeps their shared 0.0.0.0 socket unreachable from other interfaces, and it failed: {e.Message} " +
                $"({e.SocketErrorCode}). Run as root, or use at most {FleetSpec.AddressPerNodeAbove:N0} nodes (port-per-node addressing).", e);
        }
    }
}
