namespace FleetOps.Core.Checks;

/// <summary>
/// <c>icmp</c>: <see cref="Count"/> echo requests (3), <see cref="IntervalMs"/> apart (200), each carrying
/// <see cref="PayloadSize"/> bytes (56), to the target's host (its port, if any, is not used). Replies are awaited until
/// the attempt's timeout; an echo unanswered by then is lost. Passes, unless conditions say otherwise, when at least one
/// echo is answered. Facts: <c>[PACKET_LOSS]</c>, <c>[RTT_MIN]</c>, <c>[RTT_AVG]</c> (also <c>[RESPONSE_TIME]</c>),
/// <c>[RTT_MAX]</c>, <c>[CONNECTED]</c> (some echo answered) and <c>[IP]</c>.
/// </summary>
public record IcmpCheck : CheckSpec
{
    public const int DefaultCount = 3, MaxCount = 10;
    public const int DefaultIntervalMs = 200, MinIntervalMs = 10, MaxIntervalMs = 1_000;

    /// <summary>56 as ping(8); 1472 fills a 1500-byte IPv4 packet, so no echo needs fragmenting on an Ethernet path.</summary>
    public const int DefaultPayloadSize = 56, MaxPayloadSize = 1_472;

    public int? Count { get; init; }
    public int? IntervalMs { get; init; }
    public int? PayloadSize { get; init; }

    public override string Label => Count is { } count ? $"{Kind}:{count}" : Kind;

    public override void Validate(CheckErrors errors)
    {
        errors.Range(Count, 1, MaxCount, "count");
        errors.Range(IntervalMs, MinIntervalMs, MaxIntervalMs, "intervalMs");
        errors.Range(PayloadSize, 0, MaxPayloadSize, "payloadSize");
        // An echo sent after the attempt ended could not be answered. Only the check's own timeoutMs can be judged here:
        // under the sweep's, echoes not sent before the attempt ends are left out of the count.
        var (count, interval) = (Count ?? DefaultCount, IntervalMs ?? DefaultIntervalMs);
        if (TimeoutMs is { } timeout && (count - 1L) * interval >= timeout && count <= MaxCount && interval <= MaxIntervalMs)
            errors.Fail("intervalMs", $"{count} echoes {interval} ms apart need more than the check's timeoutMs ({timeout} ms) to be sent: lower count or intervalMs, or raise timeoutMs");
    }
}
