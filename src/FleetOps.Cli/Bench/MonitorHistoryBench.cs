using System.Diagnostics;
using System.Globalization;
using FleetOps.Api.Client;
using FleetOps.Core.Monitors;
using FleetOps.Workflows.Monitors;
using FleetOps.Workflows.Storage;

namespace FleetOps.Cli.Bench;

/// <summary>
/// A monitor's history at scale without waiting for it: writes past days of hour roll-ups for every target of the
/// bench's monitor, through the engine's own code (<see cref="MonitorHistory.WriteHourAsync"/>, one blob per batch and
/// hour, then <see cref="MonitorHistory.RollUpDayAsync"/>), measures the stored bytes, and times the uptime query the
/// API serves (<c>GET /api/monitors/{name}/uptime?window=30d</c>) over them.
/// Each hour's tallies are shaped like the live run's: as many cycles as the interval makes in an hour, the run's
/// share of up cycles, latencies drawn from the run's own latency buckets.
/// </summary>
public static class MonitorHistoryBench
{
    public sealed record Figures(int Days, int Targets, long HourBlobBytesOneDay, long RolledBytes, TimeSpan WriteTime, IReadOnlyList<double> UptimeQueryMs, string? UptimeOverall)
    {
        /// <summary>What a day costs per target once rolled up (hourly detail + day totals): the history that is kept.</summary>
        public double RolledBytesPerTargetPerDay => Days == 0 || Targets == 0 ? 0 : (double)RolledBytes / Days / Targets;

        /// <summary>A day's hour blobs before the roll-up (per batch and hour): the transient peak.</summary>
        public double HourBytesPerTargetPerDay => Targets == 0 ? 0 : (double)HourBlobBytesOneDay / Targets;
    }

    private const int Templates = 64, ParallelWrites = 8, UptimeQueries = 5;

    public static async Task<Figures> RunAsync(StorageClients storage, FleetOpsApiClient api, string monitor, TimeSpan interval, int days, Action<string> log, CancellationToken ct)
    {
        var blobs = new BlobJsonStore(storage.Blobs, MonitorPaths.Container);
        var record = await blobs.ReadAsync<MonitorRecord>(MonitorPaths.Record(monitor), ct).ConfigureAwait(false);
        var inc = record.Incarnation;
        var states = new MonitorStateStore(storage);
        var history = new MonitorHistory(storage);
        var plan = await states.ReadPlanAsync(monitor, inc, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"monitor {monitor} has no layout yet");
        var batches = await states.ReadStatesAsync(monitor, inc, plan.Version, Enumerable.Range(0, plan.BatchCount), ct).ConfigureAwait(false);
        var templates = TemplatesFrom(batches, (int)(TimeSpan.FromHours(1) / interval));
        var targets = batches.Sum(b => b.Targets.Count);

        var watch = Stopwatch.StartNew();
        var today = DateTimeOffset.UtcNow.Date;
        long hourBytes = 0;
        for (var d = days; d >= 1; d--)
        {
            var day = new DateTimeOffset(today.AddDays(-d), TimeSpan.Zero);
            var dayKey = UptimeWindow.DayKey(day);
            // The last day as the monitor writes it (a blob per batch and hour); the others in fewer, larger blobs (the
            // roll-up reads them all alike), so a loaded Azurite takes 30 days of them in minutes.
            var groups = d == 1 ? batches.Select(b => b.Targets.Keys.ToList()).ToList()
                : batches.SelectMany(b => b.Targets.Keys).Chunk(MonitorHistory.PartSize).Select(c => c.ToList()).ToList();
            var writes = from hour in Enumerable.Range(0, 24) from g in Enumerable.Range(0, groups.Count) select (Hour: day.AddHours(hour), Group: g);
            await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = ct }, async (w, token) =>
            {
                var random = new Random((int)(w.Hour.Ticks / TimeSpan.TicksPerHour % 1_000_000) * 1000 + w.Group);
                var tallies = groups[w.Group].ToDictionary(t => t, _ => templates[random.Next(templates.Count)], StringComparer.Ordinal);
                await history.WriteHourAsync(monitor, inc, UptimeWindow.HourKey(w.Hour), plan.Version, w.Group, tallies, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
            if (d == 1) hourBytes = await BytesAsync(blobs, MonitorPaths.HoursPrefix(monitor, inc) + dayKey, ct).ConfigureAwait(false);
            await history.RollUpDayAsync(monitor, inc, dayKey, ct).ConfigureAwait(false);
            if (d % 10 == 0 || d == 1) log($"history: {days - d + 1} of {days} days written and rolled up ({watch.Elapsed.TotalSeconds:0} s)");
        }
        watch.Stop();
        var rolled = await BytesAsync(blobs, MonitorPaths.DaysPrefix(monitor, inc), ct).ConfigureAwait(false);

        var queries = new List<double>();
        string? overall = null;
        if (days >= 30)
        {
            for (var i = 0; i < UptimeQueries; i++)
            {
                var q = Stopwatch.StartNew();
                var answer = await api.GetMonitorUptimeAsync(monitor, "30d", ct).ConfigureAwait(false);
                queries.Add(q.Elapsed.TotalMilliseconds);
                overall = answer["overall"]?.ToJsonString();
            }
        }
        return new Figures(days, targets, hourBytes, rolled, watch.Elapsed, queries, overall);
    }

    /// <summary>Hour tallies shaped like the run's hours: its up share and latency buckets, <paramref name="cyclesPerHour"/> cycles each.</summary>
    private static List<string> TemplatesFrom(List<MonitorBatchState> batches, int cyclesPerHour)
    {
        var seen = new UptimeTally();
        foreach (var target in batches.SelectMany(b => b.Targets.Values))
            if (target.Hour is { } hour) seen.Merge(UptimeCodec.DecodeText(hour));
        var upShare = seen.Total == 0 ? 1.0 : (double)seen.Up / seen.Total;
        var weights = seen.Latency.Sum() == 0 ? [.. Enumerable.Range(0, UptimeTally.Buckets).Select(i => i == 1 ? 1L : 0L)] : seen.Latency;
        var total = weights.Sum();
        var random = new Random(9);
        var templates = new List<string>(Templates);
        for (var t = 0; t < Templates; t++)
        {
            var tally = new UptimeTally();
            for (var c = 0; c < cyclesPerHour; c++)
            {
                var up = random.NextDouble() < upShare;
                tally.Record(up, maintenance: false, up ? LatencyIn(Bucket(weights, total, random)) : null);
            }
            templates.Add(UptimeCodec.EncodeText(tally));
        }
        return templates;
    }

    private static int Bucket(long[] weights, long total, Random random)
    {
        var pick = random.NextInt64(total);
        for (var i = 0; i < weights.Length; i++)
            if ((pick -= weights[i]) < 0) return i;
        return weights.Length - 1;
    }

    /// <summary>A latency that falls in bucket <paramref name="i"/> (just under its upper bound).</summary>
    private static double LatencyIn(int i) => i + 1 < UptimeTally.Buckets ? UptimeTally.BucketUpperMs[i] * 0.95 : UptimeTally.BucketUpperMs[i - 1] * 2;

    private static async Task<long> BytesAsync(BlobJsonStore blobs, string prefix, CancellationToken ct)
    {
        long bytes = 0;
        await foreach (var blob in blobs.Container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, ct).ConfigureAwait(false))
            bytes += blob.Properties.ContentLength ?? 0;
        return bytes;
    }

    public static string Describe(Figures f) => string.Create(CultureInfo.InvariantCulture,
        $"{f.Days} days x {f.Targets} targets written and rolled up in {f.WriteTime.TotalSeconds:0} s: {f.RolledBytesPerTargetPerDay:0} B per target per day kept " +
        $"(budget 2048), {f.HourBytesPerTargetPerDay:0} B per target for a day of hour blobs before its roll-up");
}
