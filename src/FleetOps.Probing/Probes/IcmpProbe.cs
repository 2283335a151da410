using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// Pings the target's host: Count echo requests IntervalMs apart, each awaiting its reply until the attempt's timeout.
/// The policy judges the address before any packet goes (a name's addresses, each one, as for a connection; the first
/// allowed is pinged). Healthy, unless conditions decide, when at least one echo is answered; an attempt with no reply
/// at all fails whatever the conditions say: a timeout, or "other" when ICMP errors (unreachable...) came back instead.
/// Needs a raw ICMP socket (root or CAP_NET_RAW) or the system's <c>ping</c> (see <see cref="IcmpEchoes"/>).
/// </summary>
public sealed class IcmpProbe : ICheckProbe<IcmpCheck>
{
    private readonly PolicyConnector _connector;
    private readonly SendEcho _send;

    public IcmpProbe(PolicyConnector connector) : this(connector, IcmpEchoes.PingAsync) { }

    /// <param name="send">How one echo goes: tests stand in for a network that drops or refuses echoes, which loopback never does.</param>
    internal IcmpProbe(PolicyConnector connector, SendEcho send) => (_connector, _send) = (connector, send);

    public async Task<AttemptOutcome> AttemptAsync(Target target, IcmpCheck check, CancellationToken cancellationToken)
    {
        var allowed = await _connector.ResolveAllowedAsync(target.HostAndPort().Host, cancellationToken).ConfigureAwait(false);
        // ::ffff:a.b.c.d is an IPv4 host (the policy judged it so): an ICMPv6 echo to it is never answered.
        var address = allowed[0].IsIPv4MappedToIPv6 ? allowed[0].MapToIPv4() : allowed[0];
        // Clamped as well as validated: a stored request that skipped validation still costs a bounded train.
        var count = Math.Clamp(check.Count ?? IcmpCheck.DefaultCount, 1, IcmpCheck.MaxCount);
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(check.IntervalMs ?? IcmpCheck.DefaultIntervalMs, IcmpCheck.MinIntervalMs, IcmpCheck.MaxIntervalMs));
        var payload = IcmpEchoes.Payload(Math.Clamp(check.PayloadSize ?? IcmpCheck.DefaultPayloadSize, 0, IcmpCheck.MaxPayloadSize));

        var started = Stopwatch.GetTimestamp();
        var echoes = await IcmpEchoes.SendAsync(_send, address, count, interval, payload, cancellationToken).ConfigureAwait(false);
        return Judge(address, echoes, Stopwatch.GetElapsedTime(started));
    }

    private static AttemptOutcome Judge(IPAddress address, EchoResult[] echoes, TimeSpan elapsed)
    {
        var rtts = echoes.Where(e => e.Answered).Select(e => e.RttMs).ToList();
        var lost = echoes.Length - rtts.Count;
        var facts = new ProbeFacts
        {
            Connected = rtts.Count > 0,
            Ip = address.ToString(),
            PacketLoss = Math.Round(100.0 * lost / echoes.Length, 3),
            ResponseTimeMs = Math.Round(rtts.Count > 0 ? rtts.Average() : elapsed.TotalMilliseconds, 3),
            RttMinMs = rtts.Count > 0 ? Math.Round(rtts.Min(), 3) : null,
            RttAvgMs = rtts.Count > 0 ? Math.Round(rtts.Average(), 3) : null,
            RttMaxMs = rtts.Count > 0 ? Math.Round(rtts.Max(), 3) : null,
        };
        if (rtts.Count > 0) return new AttemptOutcome(facts);

        var requests = $"{echoes.Length} echo request{(echoes.Length == 1 ? "" : "s")}";
        return echoes.Where(e => e.Status != IPStatus.TimedOut).Select(e => (IPStatus?)e.Status).FirstOrDefault() is { } status
            ? new AttemptOutcome(facts, new ProbeError(ErrorKind.Other, $"{address}: {status}, no reply to any of {requests}"))
            : new AttemptOutcome(facts, new ProbeError(ErrorKind.Timeout, $"{address}: no reply to {requests}"));
    }
}
