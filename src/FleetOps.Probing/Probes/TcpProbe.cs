using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// Healthy when a TCP connection opens and, with Expect, when the answer (to Send, if any) contains it before the
/// attempt times out or the peer closes. What was read is the [BODY] fact, at most <see cref="ProbeFacts.MaxBodyChars"/> bytes.
/// </summary>
public sealed class TcpProbe(PolicyConnector connector) : ICheckProbe<TcpCheck>
{
    /// <summary>Compiled once per check object (a batch's targets share it), and let go with it.</summary>
    private readonly ConditionalWeakTable<TcpCheck, ExpectMatcher> _matchers = new();

    public async Task<AttemptOutcome> AttemptAsync(Target target, TcpCheck check, CancellationToken cancellationToken)
    {
        var (host, port) = target.HostAndPort();
        var effectivePort = check.Port ?? port
            ?? throw new ArgumentException($"target '{target.Name}': tcp check needs a port in the address or the check");
        var expect = check.Expect is not null ? _matchers.GetValue(check, c => ExpectMatcher.Create(c.Expect!)) : null;
        var send = check.Send is { } s ? SendText.Decode(s) : null;

        var started = Stopwatch.GetTimestamp();
        using var socket = await connector.ConnectAsync(host, effectivePort, cancellationToken).ConfigureAwait(false);
        var facts = new ProbeFacts { Connected = true, Ip = PolicyConnector.RemoteAddressOf(socket) };
        if (send is null && expect is null) return new AttemptOutcome(facts with { ResponseTimeMs = Elapsed(started) });

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        if (send is not null) await stream.WriteAsync(Encoding.UTF8.GetBytes(send), cancellationToken).ConfigureAwait(false);
        var (received, matched) = expect is null ? ("", true) : await ReadUntilAsync(stream, expect, cancellationToken).ConfigureAwait(false);
        facts = facts with { Body = received, ResponseTimeMs = Elapsed(started) };
        return matched
            ? new AttemptOutcome(facts)
            : new AttemptOutcome(facts, new ProbeError(ErrorKind.Expect, $"expected {check.Expect} in the answer, got {Shown(received)}"));
    }

    /// <summary>Reads until the text matches, the peer closes, or <see cref="ProbeFacts.MaxBodyChars"/> bytes came without a match.</summary>
    internal static async Task<(string Received, bool Matched)> ReadUntilAsync(Stream stream, ExpectMatcher expect, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        var decoder = Encoding.UTF8.GetDecoder();
        var scan = new ExpectScan(expect, ProbeFacts.MaxBodyChars);
        var total = 0;
        while (total < ProbeFacts.MaxBodyChars)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, ProbeFacts.MaxBodyChars - total)), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            total += read;
            var count = decoder.GetChars(buffer, 0, read, chars, 0);
            if (scan.Append(chars.AsSpan(0, count))) return (scan.Text, true);
        }
        return (scan.Text, scan.Finish());
    }

    private static string Shown(string received) =>
        received.Length == 0 ? "nothing" : $"'{(received.Length > 200 ? received[..200] + "…" : received).ReplaceLineEndings("\\n")}'";

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
}
