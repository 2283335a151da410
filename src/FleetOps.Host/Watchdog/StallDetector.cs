namespace FleetOps.Host.Watchdog;

/// <summary>
/// Pure stall logic: remembers when each unit of outstanding work last moved and reports those that have not moved
/// for <c>stallAfter</c>. Work that disappears from the samples is done and forgotten. Time that must not count (a
/// storage outage, the moments after a recycle) is skipped with <see cref="Hold"/>.
/// </summary>
public sealed class StallDetector(TimeSpan stallAfter)
{
    private readonly Dictionary<string, (ProgressSample Sample, DateTimeOffset Moved)> _tracked = new(StringComparer.Ordinal);
    private DateTimeOffset _heldUntil = DateTimeOffset.MinValue;

    public TimeSpan StallAfter => stallAfter;

    public void Observe(IEnumerable<ProgressSample> samples, DateTimeOffset now)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (!seen.Add(sample.Key)) continue;
            _tracked[sample.Key] = _tracked.TryGetValue(sample.Key, out var known) && known.Sample.Signature == sample.Signature
                ? (sample, known.Moved)
                : (sample, now);
        }
        foreach (var gone in _tracked.Keys.Where(k => !seen.Contains(k)).ToList()) _tracked.Remove(gone);
    }

    /// <summary>Time up to <paramref name="now"/> does not count towards a stall.</summary>
    public void Hold(DateTimeOffset now)
    {
        if (now > _heldUntil) _heldUntil = now;
    }

    public IReadOnlyList<ProgressSample> Stalled(DateTimeOffset now) =>
        _tracked.Values.Where(t => now - Max(t.Moved, _heldUntil) >= stallAfter).Select(t => t.Sample).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();

    /// <summary>The current signature of a key, or null when it is no longer outstanding.</summary>
    public string? SignatureOf(string key) => _tracked.TryGetValue(key, out var t) ? t.Sample.Signature : null;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
