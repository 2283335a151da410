using System.Net;
using System.Net.Sockets;
using FleetOps.Core.Policy;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// Resolves a host, drops the addresses the policy denies, and connects to the first that answers. The policy judges
/// each resolved address (a DNS64 resolver's 64:ff9b::a9fe:a9fe for a metadata name included), and the socket
/// connects to exactly that address: a second lookup could answer differently (DNS rebinding).
/// </summary>
public sealed class PolicyConnector
{
    private readonly TargetPolicy _policy;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    public PolicyConnector(TargetPolicy policy) : this(policy, Dns.GetHostAddressesAsync) { }

    /// <param name="resolve">Name resolution; tests give names answers the machine's resolver would not.</param>
    internal PolicyConnector(TargetPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>> resolve) =>
        (_policy, _resolve) = (policy, resolve);

    public async Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        Exception? lastError = null;
        foreach (var address in await ResolveAllowedAsync(host, cancellationToken).ConfigureAwait(false))
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (Exception e) when (e is SocketException)
            {
                socket.Dispose();
                lastError = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw lastError!;
    }

    /// <summary>
    /// The addresses of <paramref name="host"/> the policy allows, in the resolver's order: what a probe that does not
    /// connect (icmp) sends to. Throws <see cref="PolicyDeniedException"/> when none is allowed, a host-not-found
    /// <see cref="SocketException"/> when the name has none.
    /// </summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveAllowedAsync(string host, CancellationToken cancellationToken)
    {
        if (_policy.CheckHost(host) is { } hostDenied) throw new PolicyDeniedException(hostDenied);
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);

        string? firstDenial = null;
        var allowed = new List<IPAddress>(addresses.Length);
        foreach (var address in addresses)
        {
            if (_policy.CheckAddress(address) is { } denied) firstDenial ??= denied;
            else allowed.Add(address);
        }
        return allowed.Count > 0 ? allowed : throw new PolicyDeniedException(firstDenial ?? $"no address of '{host}' is allowed");
    }

    /// <summary>For destinations that are not connected through here (a DNS resolver the request names).</summary>
    public void EnsureAllowed(IPAddress address)
    {
        if (_policy.CheckAddress(address) is { } denied) throw new PolicyDeniedException(denied);
    }

    /// <summary>The connected peer's address as text, IPv4-mapped addresses as plain IPv4: the [IP] fact.</summary>
    public static string? RemoteAddressOf(Socket socket) =>
        socket.RemoteEndPoint is IPEndPoint { Address: var a } ? (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToString() : null;
}
