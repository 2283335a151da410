using FleetOps.Core.Monitors;

namespace FleetOps.Core.Tests.Monitors;

public sealed class MaintenanceWindowTests
{
    private static MaintenanceWindow Sundays(string zone = "UTC") =>
        MaintenanceWindow.Recurring(CronText.Parse("0 2 * * SUN"), TimeSpan.FromHours(2), TimeZones.Find(zone));

    // 2026-11-29 is a Sunday.
    private static readonly DateTimeOffset Sunday2am = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_recurring_window_covers_its_start_and_not_its_end()
    {
        var window = Sundays();
        Assert.False(window.Contains(Sunday2am.AddTicks(-1)));
        Assert.True(window.Contains(Sunday2am));
        Assert.True(window.Contains(Sunday2am.AddMinutes(119)));
        Assert.False(window.Contains(Sunday2am.AddHours(2)));
        Assert.Equal((Sunday2am, Sunday2am.AddHours(2)), window.Containing(Sunday2am.AddMinutes(30)));
    }

    [Fact]
    public void Next_start_and_end_of_a_recurring_window()
    {
        var window = Sundays();
        Assert.Equal(Sunday2am, window.NextStart(Sunday2am.AddDays(-3)));
        Assert.Equal(Sunday2am.AddDays(7), window.NextStart(Sunday2am));
        Assert.Equal(Sunday2am.AddHours(2), window.EndOf(Sunday2am.AddMinutes(5)));
        Assert.Null(window.EndOf(Sunday2am.AddHours(3)));
    }

    [Fact]
    public void A_recurring_window_is_in_the_monitors_time_zone()
    {
        var window = Sundays("America/New_York");
        var start = new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero); // 02:00 EST
        Assert.False(window.Contains(Sunday2am));
        Assert.True(window.Contains(start));
        Assert.Equal(start.AddHours(2), window.EndOf(start.AddMinutes(1))!.Value.ToUniversalTime());
    }

    [Fact]
    public void A_one_off_window_is_from_inclusive_until_exclusive()
    {
        var from = new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);
        var window = MaintenanceWindow.From(new MaintenanceWindowSpec { From = "2026-12-01T22:00:00Z", Until = "2026-12-02T02:00:00+01:00" }, TimeZoneInfo.Utc);
        Assert.True(window.Contains(from));
        Assert.True(window.Contains(from.AddMinutes(179)));
        Assert.False(window.Contains(from.AddHours(3))); // 02:00+01:00 is 01:00Z
        Assert.Equal(from, window.NextStart(from.AddDays(-1)));
        Assert.Null(window.NextStart(from));
    }

    [Fact]
    public void Windows_that_overlap_end_when_the_last_of_them_ends()
    {
        // Every hour, lasting 90 minutes: always in maintenance, chained; a 3-hour one-off on top.
        var hourly = MaintenanceWindow.Recurring(CronText.Parse("0 * * * *"), TimeSpan.FromMinutes(90), TimeZoneInfo.Utc);
        var t = new DateTimeOffset(2026, 11, 25, 10, 15, 0, TimeSpan.Zero);
        Assert.True(hourly.Contains(t));
        var end = hourly.EndOf(t);
        Assert.NotNull(end); // bounded: the chain is followed at most MaxChain windows
        Assert.True(end > t.AddDays(30));

        var nightly = MaintenanceWindow.Recurring(CronText.Parse("0 22 * * *"), TimeSpan.FromHours(2), TimeZoneInfo.Utc);
        var extra = MaintenanceWindow.Once(new(2026, 11, 25, 23, 0, 0, TimeSpan.Zero), new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
        var schedule = new MaintenanceSchedule([nightly, extra]);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero), schedule.EndOf(new(2026, 11, 25, 22, 30, 0, TimeSpan.Zero)));
        Assert.Null(schedule.EndOf(new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_schedule_without_windows_is_never_in_maintenance()
    {
        Assert.False(MaintenanceSchedule.None.Contains(Sunday2am));
        Assert.Null(MaintenanceSchedule.None.NextStart(Sunday2am));
        Assert.Null(MaintenanceSchedule.None.EndOf(Sunday2am));
    }

    [Fact]
    public void A_schedule_reads_a_definitions_windows_in_its_time_zone()
    {
        var definition = new MonitorDefinition
        {
            TimeZone = "Europe/Paris",
            Maintenance = [new() { Cron = "0 2 * * SUN", Duration = "2h" }, new() { From = "2026-12-24T00:00:00Z", Until = "2026-12-26T00:00:00Z" }],
        };
        var schedule = MaintenanceSchedule.For(definition);
        Assert.True(schedule.Contains(new DateTimeOffset(2026, 11, 29, 1, 30, 0, TimeSpan.Zero))); // 02:30 Paris
        Assert.True(schedule.Contains(new DateTimeOffset(2026, 12, 25, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero), schedule.NextStart(new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero))!.Value.ToUniversalTime());
    }

    [Fact]
    public void The_cost_of_a_containment_test_does_not_grow_with_the_crons_frequency()
    {
        // Every second, lasting 31 days: one look-up, not 2.6 million occurrences.
        var dense = MaintenanceWindow.Recurring(CronText.Parse("* * * * * *"), TimeSpan.FromDays(31), TimeZoneInfo.Utc);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(dense.Contains(Sunday2am));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }
}
