using System.Collections.Concurrent;
using FleetOps.Core.Monitors;

namespace FleetOps.Workflows.Monitors;

/// <summary>A page of targets (by name, ordinal) with each one's tally per UTC day, oldest day first.</summary>
public sealed record UptimeDaysPage(IReadOnlyList<DateTimeOffset> Days, IReadOnlyList<(string Name, UptimeTally[] PerDay)> Targets, string? After);

/// <summary>
/// Each target's uptime per day over the last days (a status page's bar), for one page of targets at a time: the
/// page is a run of names in ordinal order, so a rolled-up day is read as totals part 0 plus the one or two parts
/// that hold the run (<see cref="DayRollup.Starts"/>), never the whole fleet. A day not rolled up yet is read from its
/// hour blobs; today comes from the states of the batches the page's targets are in. The current layout's names are
/// indexed once per layout version (batches never change once written).
/// </summary>
public sealed class UptimeDaysQuery(MonitorStateStore store, MonitorHistory history)
{
    public const int MaxDays = 90, MaxLimit = 100;
    private const int ParallelDays = 8, CachedIndexes = 16;

    private readonly ConcurrentDictionary<string, NameIndex> _indexes = new(StringComparer.Ordinal);

    /// <summary>The page of up to <paramref name="limit"/> targets named after <paramref name="after"/>, over the <paramref name="days"/> days ending today.</summary>
    public async Task<UptimeDaysPage> PageAsync(MonitorRecord record, int days, int limit, string? after, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(days is >= 1 and <= MaxDays, true, nameof(days));
        ArgumentOutOfRangeException.ThrowIfNotEqual(limit is >= 1 and <= MaxLimit, true, nameof(limit));
        var (monitor, inc) = (record.Name, record.Incarnation);
        var today = UptimeWindow.DayOf(now);
        var dayList = Enumerable.Range(0, days).Select(d => today.AddDays(d - days + 1)).ToList();
        if (await store.ReadPlanAsync(monitor, inc, ct).ConfigureAwait(false) is not { } plan) return new UptimeDaysPage(dayList, [], null);

        var index = await IndexAsync(monitor, inc, plan, ct).ConfigureAwait(false);
        var start = after is null ? 0 : index.After(after);
        var count = Math.Min(limit, index.Names.Length - start);
        if (count <= 0) return new UptimeDaysPage(dayList, [], null);
        var page = new Dictionary<string, UptimeTally[]>(StringComparer.Ordinal);
        for (var i = start; i < start + count; i++) page[index.Names[i]] = [.. dayList.Select(_ => new UptimeTally())];
        var (from, to) = (index.Names[start], index.Names[start + count - 1]);
        var gate = new Lock();
        void Add(string target, int day, UptimeTally tally)
        {
            lock (gate)
                if (page.TryGetValue(target, out var perDay)) perDay[day].Merge(tally);
        }

        var todayKey = UptimeWindow.DayKey(today);
        // Days before this incarnation began hold nothing of it: not read (a new monitor's page costs its days, not 90).
        var born = record.CreatedAt == default ? DateTimeOffset.MinValue : UptimeWindow.DayOf(record.CreatedAt);
        await Parallel.ForEachAsync(Enumerable.Range(0, days - 1).Where(d => dayList[d] >= born), new ParallelOptions { MaxDegreeOfParallelism = ParallelDays, CancellationToken = ct }, async (d, token) =>
        {
            var key = UptimeWindow.DayKey(dayList[d]);
            if (await history.ReadDayTotalsAsync(monitor, inc, key, from, to, token).ConfigureAwait(false) is { } totals)
                foreach (var (target, text) in totals) Add(target, d, UptimeCodec.DecodeText(text));
            else
                foreach (var (target, hours) in await history.ReadHourBlobsAsync(monitor, inc, key, null, token).ConfigureAwait(false)) Add(target, d, UptimeTally.Sum(hours));
        }).ConfigureAwait(false);

        // Today's flushed hours and each target's open hour live in its batch's state.
        var batches = Enumerable.Range(start, count).Select(i => index.Batches[i]);
        foreach (var state in await store.ReadStatesAsync(monitor, inc, plan.Version, batches, ct).ConfigureAwait(false))
            foreach (var (target, r) in state.Targets)
            {
                if (!page.ContainsKey(target) || r.HourKey is not { Length: >= 8 } hourKey) continue;
                if (r.Today is { } flushed && hourKey.StartsWith(todayKey, StringComparison.Ordinal)) Add(target, days - 1, UptimeCodec.DecodeText(flushed));
                var day = dayList.FindIndex(d => hourKey.StartsWith(UptimeWindow.DayKey(d), StringComparison.Ordinal));
                if (r.Hour is { } open && day >= 0) Add(target, day, UptimeCodec.DecodeText(open));
            }
        var more = start + count < index.Names.Length;
        return new UptimeDaysPage(dayList, [.. page.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))], more ? to : null);
    }

    private async Task<NameIndex> IndexAsync(string monitor, string inc, MonitorPlan plan, CancellationToken ct)
    {
        var key = $"{monitor}/{inc}/{plan.Version}";
        if (_indexes.TryGetValue(key, out var cached)) return cached;
        var names = new List<(string Name, int Batch)>(plan.TargetCount);
        for (var b = 0; b < plan.BatchCount; b++)
            foreach (var task in (await store.ReadBatchAsync(monitor, inc, plan.Version, b, ct).ConfigureAwait(false)).Tasks) names.Add((task.Target.Name, b));
        names.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
        var index = new NameIndex([.. names.Select(n => n.Name)], [.. names.Select(n => n.Batch)]);
        if (_indexes.Count >= CachedIndexes) _indexes.Clear();
        _indexes[key] = index;
        return index;
    }

    /// <summary>A layout's target names in ordinal order, with the batch each is in.</summary>
    private sealed record NameIndex(string[] Names, int[] Batches)
    {
        /// <summary>The position of the first name after <paramref name="name"/>.</summary>
        public int After(string name)
        {
            var at = Array.BinarySearch(Names, name, StringComparer.Ordinal);
            return at >= 0 ? at + 1 : ~at;
        }
    }
}
