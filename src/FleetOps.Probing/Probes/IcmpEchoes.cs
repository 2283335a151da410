using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>What became of one echo request: answered (<see cref="IPStatus.Success"/>, with its round trip), unanswered
/// (<see cref="IPStatus.TimedOut"/>), or answered with an ICMP error (unreachable, TTL expired...).</summary>
internal readonly record struct EchoResult(IPStatus Status, double RttMs)
{
    public static readonly EchoResult Unanswered = new(IPStatus.TimedOut, 0);

    public bool Answered => Status == IPStatus.Success;
}

/// <summary>Sends one echo request to <paramref name="address"/> and waits for its reply until cancelled.</summary>
internal delegate Task<EchoResult> SendEcho(IPAddress address, byte[] payload, CancellationToken cancellationToken);

/// <summary>
/// A train of ICMP echo requests, as ping(8) sends them: one every interval, each waiting for its own reply, all of them
/// until the attempt ends. <see cref="PingAsync"/> sends them with <see cref="Ping"/>: on Linux and macOS over a raw
/// ICMP socket when the process may open one (root, or CAP_NET_RAW), else by running the system's <c>ping</c> per echo.
/// </summary>
internal static class IcmpEchoes
{
    /// <summary>Ping's own wait for a reply: no attempt is longer, so the attempt's end is what stops the wait.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(ProbeOptions.MaxTimeoutMs);

    public static async Task<EchoResult> PingAsync(IPAddress address, byte[] payload, CancellationToken cancellationToken)
    {
        using var ping = new Ping();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var reply = await ping.SendPingAsync(address, MaxWait, payload, null, cancellationToken).ConfigureAwait(false);
            return new EchoResult(reply.Status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (PlatformNotSupportedException e)
        {
            // "The system's ping utility could not be found" alone does not say what to change (the classifier adds it after).
            throw new PlatformNotSupportedException(
                "this host cannot send ICMP echoes: run with a raw socket (root or CAP_NET_RAW) or install ping", e);
        }
    }

    /// <summary>
    /// Sends <paramref name="count"/> echoes <paramref name="interval"/> apart and returns what became of each one sent:
    /// when the attempt ends (<paramref name="cancellationToken"/>), echoes not yet answered are <see cref="EchoResult.Unanswered"/>
    /// and those not yet sent are not counted. Throws only when cancelled before the first echo went.
    /// </summary>
    public static async Task<EchoResult[]> SendAsync(SendEcho send, IPAddress address, int count, TimeSpan interval, byte[] payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var echoes = new List<Task<EchoResult>>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (i > 0) await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                echoes.Add(AwaitReplyAsync(send, address, payload, cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
            // The attempt ended while the next echo waited to go: the ones sent are the train.
        }
        return await Task.WhenAll(echoes).ConfigureAwait(false);
    }

    /// <summary>ping(8)'s payload: bytes counting up, so a reply that comes back altered is not mistaken for ours by a reader of a capture.</summary>
    public static byte[] Payload(int size)
    {
        var payload = new byte[size];
        for (var i = 0; i < size; i++) payload[i] = (byte)i;
        return payload;
    }

    private static async Task<EchoResult> AwaitReplyAsync(SendEcho send, IPAddress address, byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            return await send(address, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return EchoResult.Unanswered;
        }
    }
}
