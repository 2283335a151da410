using FleetOps.Core.Monitors;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// A window's tallies per target, from the cheapest stored form of each part of <see cref="UptimeWindow.Cover"/>:
/// whole days from day totals (one blob per part of 2,000 targets), edge hours from the day's hourly roll-up (or hour
/// blobs for a day not rolled up yet), today's finished hours from each target's state (<see cref="TargetRecord.Today"/>)
/// and the open hour from its state too. A 30-day window over 10,000 targets reads about 160 blobs, however many cycles ran.
/// </summary>
public sealed class UptimeQuery(MonitorStateStore store, MonitorHistory history)
{
    private const int ParallelDays = 8;

    /// <summary>Each current target's tally over the window ending at <paramref name="now"/>.</summary>
    public async Task<Dictionary<string, UptimeTally>> TalliesAsync(MonitorRecord record, UptimeWindow window, DateTimeOffset now, CancellationToken ct)
    {
        var (monitor, inc) = (record.Name, record.Incarnation);
        var tallies = new Dictionary<string, UptimeTally>(StringComparer.Ordinal);
        if (await store.ReadPlanAsync(monitor, inc, ct).ConfigureAwait(false) is not { } plan) return tallies;
        var states = await store.ReadStatesAsync(monitor, inc, plan.Version, Enumerable.Range(0, plan.BatchCount), ct).ConfigureAwait(false);
        var records = states.SelectMany(s => s.Targets).ToList();
        foreach (var (name, _) in records) tallies.TryAdd(name, new UptimeTally());

        var cover = window.Cover(now);
        var today = UptimeWindow.DayKey(now);
        var currentHour = UptimeWindow.HourOf(now);
        var gate = new Lock();
        void Add(string target, UptimeTally tally)
        {
            lock (gate)
                if (tallies.TryGetValue(target, out var into)) into.Merge(tally);
        }

        await Parallel.ForEachAsync(cover.Days, new ParallelOptions { MaxDegreeOfParallelism = ParallelDays, CancellationToken = ct }, async (day, token) =>
        {
            var key = UptimeWindow.DayKey(day);
            if (await history.ReadDayTotalsAsync(monitor, inc, key, token).ConfigureAwait(false) is { } totals)
                foreach (var (target, text) in totals) Add(target, UptimeCodec.DecodeText(text));
            else
                foreach (var (target, hours) in await history.ReadHourBlobsAsync(monitor, inc, key, null, token).ConfigureAwait(false)) Add(target, UptimeTally.Sum(hours));
        }).ConfigureAwait(false);

        foreach (var group in cover.Hours.GroupBy(UptimeWindow.DayKey))
        {
            var hours = group.Select(h => h.Hour).ToHashSet();
            if (group.Key == today && hours.Count == currentHour.Hour)
            {
                // Every finished hour of today: each state holds their sum.
                foreach (var (target, r) in records)
                    if (r.Today is { } text && r.HourKey?.StartsWith(today, StringComparison.Ordinal) == true) Add(target, UptimeCodec.DecodeText(text));
                continue;
            }
            var dayHours = group.Key == today ? null : await history.ReadDayHoursAsync(monitor, inc, group.Key, ct).ConfigureAwait(false);
            if (dayHours is not null)
            {
                foreach (var (target, text) in dayHours)
                {
                    var all = UptimeCodec.DecodeAllText(text);
                    Add(target, UptimeTally.Sum(all.Where((_, h) => hours.Contains(h))));
                }
                continue;
            }
            foreach (var (target, byHour) in await history.ReadHourBlobsAsync(monitor, inc, group.Key, hours.Contains, ct).ConfigureAwait(false))
                Add(target, UptimeTally.Sum(byHour));
        }

        // The open hour (not flushed yet) of each target, when it falls in the window.
        var start = UptimeWindow.HourKey(cover.Start);
        foreach (var (target, r) in records)
            if (r is { Hour: { } open, HourKey: { } key } && string.CompareOrdinal(key, start) >= 0) Add(target, UptimeCodec.DecodeText(open));
        return tallies;
    }
}
