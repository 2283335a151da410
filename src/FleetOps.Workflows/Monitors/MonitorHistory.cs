using System.Globalization;
using FleetOps.Core.Monitors;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Monitors;

/// <summary>One batch's tallies of one finished hour (<c>history/hours/{yyyyMMddHH}/v{n}-{batch}.json</c>), as <see cref="UptimeCodec"/> text.</summary>
public sealed record HourRollup(string Hour)
{
    public Dictionary<string, string> Targets { get; init; } = [];
}

/// <summary>
/// One part (up to <see cref="MonitorHistory.PartSize"/> targets) of a rolled-up day: per target either its 24 hours
/// back to back (<c>hours-{p}.json</c>) or the day's total (<c>totals-{p}.json</c>). Totals part 0 is written last and
/// names how many parts there are: once it exists, the day is complete.
/// </summary>
public sealed record DayRollup(string Day)
{
    public int Parts { get; init; } = 1;

    /// <summary>In totals part 0: each part's first target (ordinal), so a page of targets reads only its parts. Absent in older roll-ups.</summary>
    public List<string>? Starts { get; init; }

    public Dictionary<string, string> Targets { get; init; } = [];
}

/// <summary>
/// A monitor incarnation's uptime history in <c>fleetops-monitors</c>. Batches write each finished hour (one blob per
/// batch and hour: writes are per batch, never per target). Once a day is over, <see cref="RollUpDayAsync"/> turns
/// its hours into day roll-ups (hourly detail and day totals, in parts by target) and removes the hour blobs, so a
/// window of whole days reads one small totals blob per part and day.
/// </summary>
public sealed class MonitorHistory(StorageClients storage)
{
    public const int PartSize = 2000;
    private const int ParallelReads = 16;

    private readonly BlobJsonStore _blobs = new(storage.Blobs, MonitorPaths.Container);

    public Task WriteHourAsync(string monitor, string inc, string hourKey, int version, int batch, Dictionary<string, string> tallies, CancellationToken ct) =>
        _blobs.WriteAsync(MonitorPaths.Hour(monitor, inc, hourKey, version, batch), new HourRollup(hourKey) { Targets = tallies }, ct);

    /// <summary>The days (yyyyMMdd) that still have hour blobs, oldest first.</summary>
    public async Task<List<string>> DaysWithHoursAsync(string monitor, string inc, CancellationToken ct)
    {
        var prefix = MonitorPaths.HoursPrefix(monitor, inc);
        return (await _blobs.ListAsync(prefix, ct).ConfigureAwait(false)).Select(n => n.Substring(prefix.Length, 8)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every target's tallies of the hours of <paramref name="dayKey"/> still in hour blobs (index 0-23); optionally only some hours.</summary>
    public async Task<Dictionary<string, UptimeTally[]>> ReadHourBlobsAsync(string monitor, string inc, string dayKey, Func<int, bool>? hours, CancellationToken ct)
    {
        var prefix = MonitorPaths.HoursPrefix(monitor, inc);
        var names = (await _blobs.ListAsync(prefix + dayKey, ct).ConfigureAwait(false))
            .Where(n => hours is null || hours(HourOf(n, prefix.Length))).ToList();
        var rollups = await ReadAllAsync<HourRollup>(names, ct).ConfigureAwait(false);
        var byTarget = new Dictionary<string, UptimeTally[]>(StringComparer.Ordinal);
        foreach (var rollup in rollups)
        {
            var hour = int.Parse(rollup.Hour.AsSpan(8, 2), CultureInfo.InvariantCulture);
            foreach (var (target, text) in rollup.Targets)
            {
                if (!byTarget.TryGetValue(target, out var day)) byTarget[target] = day = NewDay();
                UptimeCodec.MergeAll(UptimeCodec.FromText(text), day[hour]);
            }
        }
        return byTarget;
    }

    /// <summary>
    /// Rolls up one finished day: hourly detail and totals, in parts; then removes its hour blobs. Idempotent: a day
    /// whose totals part 0 exists is complete, and only its leftover hour blobs are removed.
    /// </summary>
    public async Task RollUpDayAsync(string monitor, string inc, string dayKey, CancellationToken ct)
    {
        if (await ReadTotalsPartAsync(monitor, inc, dayKey, 0, ct).ConfigureAwait(false) is null)
        {
            var byTarget = await ReadHourBlobsAsync(monitor, inc, dayKey, null, ct).ConfigureAwait(false);
            var parts = byTarget.OrderBy(t => t.Key, StringComparer.Ordinal).Chunk(PartSize).ToList();
            if (parts.Count == 0) parts.Add([]);
            var writes = new List<(string Name, DayRollup Rollup)>();
            for (var p = 0; p < parts.Count; p++)
            {
                writes.Add((MonitorPaths.DayHours(monitor, inc, dayKey, p),
                    new DayRollup(dayKey) { Parts = parts.Count, Targets = parts[p].ToDictionary(t => t.Key, t => UptimeCodec.EncodeText(t.Value), StringComparer.Ordinal) }));
                if (p > 0) writes.Add((MonitorPaths.DayTotals(monitor, inc, dayKey, p), Totals(dayKey, parts.Count, parts[p])));
            }
            await Parallel.ForEachAsync(writes, Options(ct), async (w, token) => await _blobs.WriteAsync(w.Name, w.Rollup, token).ConfigureAwait(false)).ConfigureAwait(false);
            var first = Totals(dayKey, parts.Count, parts[0]) with { Starts = [.. parts.Select(p => p.Length == 0 ? "" : p[0].Key)] };
            await _blobs.WriteAsync(MonitorPaths.DayTotals(monitor, inc, dayKey, 0), first, ct).ConfigureAwait(false);
        }
        await _blobs.DeletePrefixAsync(MonitorPaths.HoursPrefix(monitor, inc) + dayKey, ct).ConfigureAwait(false);
    }

    /// <summary>Removes the rolled-up days before <paramref name="cutoffDayKey"/>; returns how many blobs went.</summary>
    public async Task<int> DeleteDaysBeforeAsync(string monitor, string inc, string cutoffDayKey, CancellationToken ct)
    {
        var prefix = MonitorPaths.DaysPrefix(monitor, inc);
        var old = (await _blobs.ListAsync(prefix, ct).ConfigureAwait(false))
            .Where(n => string.CompareOrdinal(n, prefix.Length, cutoffDayKey, 0, 8) < 0).ToList();
        var deleted = 0;
        await Parallel.ForEachAsync(old, Options(ct), async (name, token) =>
        {
            if (await _blobs.DeleteAsync(name, token).ConfigureAwait(false)) Interlocked.Increment(ref deleted);
        }).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>A rolled-up day's totals by target; null when the day is not rolled up (its hours may still be in hour blobs).</summary>
    public Task<Dictionary<string, string>?> ReadDayTotalsAsync(string monitor, string inc, string dayKey, CancellationToken ct) =>
        ReadPartsAsync(monitor, inc, dayKey, totals: true, ct);

    /// <summary>
    /// A rolled-up day's totals of the targets named <paramref name="from"/> to <paramref name="to"/> (ordinal, both
    /// included): part 0 and the parts whose range meets it (all parts of a roll-up written before parts named their
    /// starts). Null when the day is not rolled up.
    /// </summary>
    public async Task<Dictionary<string, string>?> ReadDayTotalsAsync(string monitor, string inc, string dayKey, string from, string to, CancellationToken ct)
    {
        if (await ReadTotalsPartAsync(monitor, inc, dayKey, 0, ct).ConfigureAwait(false) is not { } first) return null;
        var parts = Enumerable.Range(1, Math.Max(0, first.Parts - 1));
        if (first.Starts is { } starts && starts.Count == first.Parts)
            parts = parts.Where(p => string.CompareOrdinal(starts[p], to) <= 0 && (p + 1 == starts.Count || string.CompareOrdinal(starts[p + 1], from) > 0));
        var read = await ReadAllAsync<DayRollup>(parts.Select(p => MonitorPaths.DayTotals(monitor, inc, dayKey, p)).ToList(), ct).ConfigureAwait(false);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in read.Prepend(first))
            foreach (var (target, text) in part.Targets)
                if (string.CompareOrdinal(target, from) >= 0 && string.CompareOrdinal(target, to) <= 0) found[target] = text;
        return found;
    }

    /// <summary>A rolled-up day's hours by target (24 tallies each); null when the day is not rolled up.</summary>
    public async Task<Dictionary<string, string>?> ReadDayHoursAsync(string monitor, string inc, string dayKey, CancellationToken ct) =>
        await ReadTotalsPartAsync(monitor, inc, dayKey, 0, ct).ConfigureAwait(false) is null
            ? null
            : await ReadPartsAsync(monitor, inc, dayKey, totals: false, ct).ConfigureAwait(false);

    private async Task<Dictionary<string, string>?> ReadPartsAsync(string monitor, string inc, string dayKey, bool totals, CancellationToken ct)
    {
        var first = await ReadTotalsPartAsync(monitor, inc, dayKey, 0, ct).ConfigureAwait(false);
        if (first is null) return null;
        var parts = totals
            ? [first, .. await ReadAllAsync<DayRollup>(Enumerable.Range(1, first.Parts - 1).Select(p => MonitorPaths.DayTotals(monitor, inc, dayKey, p)).ToList(), ct).ConfigureAwait(false)]
            : await ReadAllAsync<DayRollup>(Enumerable.Range(0, first.Parts).Select(p => MonitorPaths.DayHours(monitor, inc, dayKey, p)).ToList(), ct).ConfigureAwait(false);
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts)
            foreach (var (target, text) in part.Targets) all[target] = text;
        return all;
    }

    private Task<DayRollup?> ReadTotalsPartAsync(string monitor, string inc, string dayKey, int part, CancellationToken ct) =>
        _blobs.TryReadAsync<DayRollup>(MonitorPaths.DayTotals(monitor, inc, dayKey, part), ct);

    private async Task<List<T>> ReadAllAsync<T>(IReadOnlyList<string> names, CancellationToken ct) where T : class
    {
        var read = new T?[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), Options(ct),
            async (i, token) => read[i] = await _blobs.TryReadAsync<T>(names[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return [.. read.Where(r => r is not null).Select(r => r!)];
    }

    private static DayRollup Totals(string dayKey, int parts, KeyValuePair<string, UptimeTally[]>[] targets) => new(dayKey)
    {
        Parts = parts,
        Targets = targets.ToDictionary(t => t.Key, t => UptimeCodec.EncodeText(UptimeTally.Sum(t.Value)), StringComparer.Ordinal),
    };

    private static UptimeTally[] NewDay() => [.. Enumerable.Range(0, 24).Select(_ => new UptimeTally())];

    private static int HourOf(string name, int prefixLength) => int.Parse(name.AsSpan(prefixLength + 8, 2), CultureInfo.InvariantCulture);

    private static ParallelOptions Options(CancellationToken ct) => new() { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct };
}
