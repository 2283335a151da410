using FleetOps.Core.Monitors;

namespace FleetOps.Core.Tests.Monitors;

public sealed class MonitorScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_interval_runs_at_once_then_every_interval_from_the_previous_due()
    {
        var schedule = MonitorSchedule.Every(TimeSpan.FromSeconds(30));
        Assert.Equal(T0, schedule.FirstDue(T0));

        // Finished early: the next is due one interval after the previous DUE, not after the finish (no drift).
        var next = schedule.Next(T0, T0.AddSeconds(4));
        Assert.Equal(new NextCycle(T0.AddSeconds(30), T0.AddSeconds(30), 0), next);
    }

    [Fact]
    public void An_overrun_starts_the_next_cycle_at_once_late_and_skips_the_missed_dues()
    {
        var schedule = MonitorSchedule.Every(TimeSpan.FromSeconds(30));
        var finished = T0.AddSeconds(95); // dues at 30, 60 and 90 passed while it ran

        var next = schedule.Next(T0, finished);

        Assert.Equal(T0.AddSeconds(90), next.Due);
        Assert.Equal(finished, next.StartAt);
        Assert.Equal(2, next.Skipped);
        Assert.Equal(TimeSpan.FromSeconds(5), MonitorSchedule.Lateness(next.Due, next.StartAt));
        // The cycle after that is back on the grid.
        Assert.Equal(T0.AddSeconds(120), schedule.Next(next.Due, finished.AddSeconds(3)).Due);
    }

    [Fact]
    public void A_finish_exactly_at_the_next_due_starts_it_at_once_on_time()
    {
        var next = MonitorSchedule.Every(TimeSpan.FromSeconds(30)).Next(T0, T0.AddSeconds(30));
        Assert.Equal(new NextCycle(T0.AddSeconds(30), T0.AddSeconds(30), 0), next);
    }

    [Fact]
    public void Lateness_is_never_negative_when_a_timer_fires_early() =>
        Assert.Equal(TimeSpan.Zero, MonitorSchedule.Lateness(T0, T0.AddMilliseconds(-900)));

    [Fact]
    public void A_cron_schedule_runs_at_its_occurrences_in_its_time_zone()
    {
        var paris = TimeZones.Find("Europe/Paris");
        var schedule = MonitorSchedule.Cron(CronText.Parse("0 9 * * *"), paris);

        // 10:00 UTC on 25 Nov is 11:00 in Paris: the next 09:00 Paris is 08:00 UTC the next day.
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), schedule.FirstDue(T0).ToUniversalTime());
    }

    [Fact]
    public void A_cron_schedule_follows_daylight_saving_time()
    {
        var paris = TimeZones.Find("Europe/Paris");
        var schedule = MonitorSchedule.Cron(CronText.Parse("0 9 * * *"), paris);
        // 2026-03-29 is the spring change in Europe: 09:00 Paris is 08:00 UTC before, 07:00 UTC after.
        var before = new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero);
        var next = schedule.Next(before, before.AddMinutes(1));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), next.Due.ToUniversalTime());
    }

    [Fact]
    public void A_cron_overrun_takes_the_latest_missed_occurrence()
    {
        var schedule = MonitorSchedule.Cron(CronText.Parse("*/5 * * * *"), TimeZoneInfo.Utc);
        var next = schedule.Next(T0, T0.AddMinutes(17));
        Assert.Equal(T0.AddMinutes(15), next.Due);
        Assert.Equal(T0.AddMinutes(17), next.StartAt);
        Assert.Equal(2, next.Skipped); // 10:05 and 10:10
    }

    [Fact]
    public void A_heartbeat_monitor_looks_every_quarter_period_within_bounds()
    {
        Assert.Equal(TimeSpan.FromSeconds(75), MonitorSchedule.For(new MonitorDefinition { Heartbeat = new() { Period = "5m" } }).Interval);
        Assert.Equal(TimeSpan.FromSeconds(10), MonitorSchedule.For(new MonitorDefinition { Heartbeat = new() { Period = "30s" } }).Interval);
        Assert.Equal(TimeSpan.FromMinutes(5), MonitorSchedule.For(new MonitorDefinition { Heartbeat = new() { Period = "1d" } }).Interval);
    }

    [Fact]
    public void Cycles_never_overlap_and_dues_only_move_forward()
    {
        // Any sequence of cycle durations: each next start is at or after the previous finish, each due after the last.
        var schedule = MonitorSchedule.Every(TimeSpan.FromSeconds(10));
        var random = new Random(7);
        var due = T0;
        var start = T0;
        for (var i = 0; i < 1000; i++)
        {
            var finished = start + TimeSpan.FromMilliseconds(random.Next(0, 35_000));
            var next = schedule.Next(due, finished);
            Assert.True(next.StartAt >= finished);
            Assert.True(next.Due > due);
            Assert.True(next.StartAt >= next.Due);
            Assert.True(MonitorSchedule.Lateness(next.Due, next.StartAt) < TimeSpan.FromSeconds(10));
            (due, start) = (next.Due, next.StartAt);
        }
    }
}
