using FleetOps.Core.Monitors;
using FleetOps.Core.Results;

namespace FleetOps.Core.Tests.Monitors;

public sealed class AlertPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly NotifierRoute[] Routes = [new("ops", SendOnResolved: true, RepeatEvery: TimeSpan.FromHours(4)), new("pager", SendOnResolved: false)];

    private static TargetState Down(long cycle, DateTimeOffset since) => new()
    {
        State = MonitorState.Down, Previous = MonitorState.Up, Since = since, ChangeCycle = cycle, LastCycle = cycle, ConsecutiveFailures = 3,
        FailingCheck = "tcp:22", ErrorKind = ErrorKind.Refused, Error = "connection refused",
    };

    private static TargetState Up(long cycle, DateTimeOffset since) => new()
    {
        State = MonitorState.Up, Previous = MonitorState.Down, Since = since, ChangeCycle = cycle, LastCycle = cycle, ConsecutiveSuccesses = 2,
    };

    private static AlertPlanInput Input(long cycle, DateTimeOffset now, params TargetView[] targets) => new()
    {
        Monitor = "edge", Cycle = cycle, Now = now, PreviousCycleAt = now.AddSeconds(-30), Targets = targets, Notifiers = Routes,
    };

    [Fact]
    public void A_new_down_goes_to_every_notifier_with_a_stable_id()
    {
        var input = Input(4, T0, new TargetView("web-1", "10.0.1.1:8080", Down(4, T0)));
        var plan = AlertPlanner.Plan(input);

        Assert.Equal(["ops", "pager"], plan.Deliveries.Select(d => d.Notifier));
        var alert = Assert.Single(plan.Sent);
        Assert.Equal(AlertIds.ForChange("edge", "web-1", 4, MonitorState.Down), alert.Id);
        Assert.Equal((AlertKind.Down, MonitorState.Up, MonitorState.Down), (alert.Kind, alert.Previous, alert.State));
        Assert.Equal("web-1 down", alert.Title);
        Assert.Equal("tcp:22: refused: connection refused", alert.Detail);
        Assert.Equal("fleetops/edge/web-1", alert.IncidentKey);
        var entry = plan.Ledger["web-1"]!;
        Assert.True(entry.Announced);
        Assert.Equal(T0, entry.AnnouncedAt);

        // Planned again (a redelivered planner): the same alert, the same id.
        Assert.Equal(plan.Sent.Select(a => a.Id), AlertPlanner.Plan(input).Sent.Select(a => a.Id));
    }

    [Fact]
    public void A_down_already_sent_is_not_sent_again()
    {
        var first = AlertPlanner.Plan(Input(4, T0, new TargetView("web-1", null, Down(4, T0))));
        var second = AlertPlanner.Plan(Input(5, T0.AddSeconds(30), new TargetView("web-1", null, Down(4, T0) with { LastCycle = 5 }, first.Ledger["web-1"])));
        Assert.Empty(second.Deliveries);
        Assert.Empty(second.Ledger);
    }

    [Fact]
    public void Up_after_a_sent_down_resolves_it_to_notifiers_that_want_resolves()
    {
        var ledger = AlertPlanner.Plan(Input(4, T0, new TargetView("web-1", null, Down(4, T0)))).Ledger["web-1"];
        var plan = AlertPlanner.Plan(Input(30, T0.AddMinutes(13), new TargetView("web-1", null, Up(30, T0.AddMinutes(13)), ledger)));

        var delivery = Assert.Single(plan.Deliveries);
        Assert.Equal("ops", delivery.Notifier);
        Assert.Equal(AlertKind.Up, delivery.Alert.Kind);
        Assert.Equal("web-1 up again after 13m", delivery.Alert.Title);
        Assert.Equal(AlertIds.ForChange("edge", "web-1", 30, MonitorState.Up), delivery.Alert.Id);
        Assert.Null(plan.Ledger["web-1"]);
    }

    [Fact]
    public void The_first_up_of_a_new_target_says_nothing()
    {
        var fresh = new TargetState { State = MonitorState.Up, Previous = MonitorState.Unknown, Since = T0, ChangeCycle = 1, LastCycle = 1 };
        var plan = AlertPlanner.Plan(Input(1, T0, new TargetView("web-1", null, fresh)));
        Assert.Empty(plan.Deliveries);
        Assert.Empty(plan.Suppressed);
        Assert.Empty(plan.Ledger);
    }

    [Fact]
    public void Inside_maintenance_a_down_is_recorded_not_sent_and_sent_after_the_window_if_still_down()
    {
        var inWindow = AlertPlanner.Plan(Input(4, T0, new TargetView("web-1", null, Down(4, T0))) with { InMaintenance = true });
        Assert.Empty(inWindow.Deliveries);
        Assert.True(Assert.Single(inWindow.Suppressed).Maintenance);
        var held = inWindow.Ledger["web-1"]!;
        Assert.False(held.Announced);

        // Still in the window next cycle: nothing new is recorded.
        var again = AlertPlanner.Plan(Input(5, T0.AddSeconds(30), new TargetView("web-1", null, Down(4, T0), held)) with { InMaintenance = true });
        Assert.Empty(again.Suppressed);
        Assert.Empty(again.Deliveries);

        // The window ended; still down: the same alert (same id, same since) goes out now.
        var after = AlertPlanner.Plan(Input(9, T0.AddMinutes(3), new TargetView("web-1", null, Down(4, T0), held)));
        var alert = Assert.Single(after.Sent);
        Assert.Equal(AlertIds.ForChange("edge", "web-1", 4, MonitorState.Down), alert.Id);
        Assert.Equal(T0, alert.Since);
        Assert.Equal(9, alert.PlannedCycle);
    }

    [Fact]
    public void Down_and_up_inside_maintenance_ends_quietly()
    {
        var held = AlertPlanner.Plan(Input(4, T0, new TargetView("web-1", null, Down(4, T0))) with { InMaintenance = true }).Ledger["web-1"];
        var plan = AlertPlanner.Plan(Input(8, T0.AddMinutes(2), new TargetView("web-1", null, Up(8, T0.AddMinutes(2)), held)));
        Assert.Empty(plan.Deliveries);
        Assert.True(Assert.Single(plan.Suppressed).Maintenance);
        Assert.Null(plan.Ledger["web-1"]);
    }

    [Fact]
    public void A_resolve_that_happens_in_maintenance_waits_for_the_window_to_end()
    {
        var ledger = AlertPlanner.Plan(Input(4, T0, new TargetView("web-1", null, Down(4, T0)))).Ledger["web-1"];
        var inWindow = AlertPlanner.Plan(Input(20, T0.AddMinutes(8), new TargetView("web-1", null, Up(20, T0.AddMinutes(8)), ledger)) with { InMaintenance = true });
        Assert.Empty(inWindow.Deliveries);
        var waiting = inWindow.Ledger["web-1"]!;
        Assert.True(waiting.Announced);

        var after = AlertPlanner.Plan(Input(40, T0.AddMinutes(18), new TargetView("web-1", null, Up(20, T0.AddMinutes(8)), waiting)));
        Assert.Equal(AlertKind.Up, Assert.Single(after.Deliveries).Alert.Kind);
    }

    [Fact]
    public void A_dependents_down_is_suppressed_while_its_parent_is_down_and_the_parent_counts_it()
    {
        var input = Input(4, T0,
            new TargetView("gw-1", "10.0.0.1", Down(4, T0)),
            new TargetView("web-1", null, Down(4, T0)),
            new TargetView("web-2", null, Down(4, T0))) with
        {
            ParentOf = new Dictionary<string, string> { ["web-1"] = "gw-1", ["web-2"] = "gw-1", ["web-3"] = "gw-1" },
            ParentStates = new Dictionary<string, MonitorState> { ["gw-1"] = MonitorState.Down },
            Dependents = new Dictionary<string, DependentCount> { ["gw-1"] = new(Total: 58, Unreachable: 57) },
        };
        var plan = AlertPlanner.Plan(input);

        var sent = Assert.Single(plan.Sent);
        Assert.Equal("gw-1 down; 57 dependents unreachable", sent.Title);
        Assert.Equal((58, 57), (sent.Dependents, sent.DependentsUnreachable));
        Assert.Equal(["web-1", "web-2"], plan.Suppressed.Select(a => a.Target));
        Assert.All(plan.Suppressed, a => Assert.Equal("gw-1", a.SuppressedBy));
        Assert.False(plan.Ledger["web-1"]!.Announced);
        Assert.Equal("gw-1", plan.Ledger["web-1"]!.SuppressedBy);
    }

    [Fact]
    public void When_the_parent_comes_back_its_up_resolves_and_dependents_still_down_alert_then()
    {
        var parents = new Dictionary<string, string> { ["web-1"] = "gw-1", ["web-2"] = "gw-1" };
        var first = AlertPlanner.Plan(Input(4, T0, new TargetView("gw-1", null, Down(4, T0)), new TargetView("web-1", null, Down(4, T0)), new TargetView("web-2", null, Down(4, T0))) with
        {
            ParentOf = parents,
            ParentStates = new Dictionary<string, MonitorState> { ["gw-1"] = MonitorState.Down },
        });

        // gw-1 is up; web-1 stays down (its own problem), web-2 came back with its gateway.
        var later = T0.AddMinutes(5);
        var plan = AlertPlanner.Plan(Input(14, later,
            new TargetView("gw-1", null, Up(14, later), first.Ledger["gw-1"]),
            new TargetView("web-1", null, Down(4, T0) with { LastCycle = 14 }, first.Ledger["web-1"]),
            new TargetView("web-2", null, Up(14, later), first.Ledger["web-2"])) with
        {
            ParentOf = parents,
            ParentStates = new Dictionary<string, MonitorState> { ["gw-1"] = MonitorState.Up },
        });

        Assert.Equal([("gw-1", AlertKind.Up), ("web-1", AlertKind.Down)], plan.Sent.Select(a => (a.Target, a.Kind)));
        Assert.Equal(T0, plan.Sent[1].Since);
        Assert.Equal("web-2", Assert.Single(plan.Suppressed).Target);
        Assert.Null(plan.Ledger["web-2"]);
        Assert.Null(plan.Ledger["gw-1"]);
    }

    [Fact]
    public void Reminders_follow_each_notifiers_repeat_every_while_still_down()
    {
        var ledger = AlertPlanner.Plan(Input(4, T0, new TargetView("web-1", null, Down(4, T0)))).Ledger["web-1"];
        var reminders = new List<MonitorAlert>();
        var previous = T0;
        // Cycles every 30 s for 9 hours: reminders at 4 h and 8 h, to "ops" only (pager has no repeatEvery).
        for (var now = T0.AddSeconds(30); now <= T0.AddHours(9); now = now.AddSeconds(30))
        {
            var plan = AlertPlanner.Plan(Input(5, now, new TargetView("web-1", null, Down(4, T0), ledger)) with { PreviousCycleAt = previous });
            reminders.AddRange(plan.Deliveries.Select(d => { Assert.Equal("ops", d.Notifier); return d.Alert; }));
            previous = now;
        }
        Assert.Equal([1, 2], reminders.Select(r => r.Reminder));
        Assert.All(reminders, r => Assert.Equal(AlertKind.StillDown, r.Kind));
        Assert.Equal("web-1 still down (for 4h)", reminders[0].Title);
        Assert.Equal(2, reminders.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void A_reminder_is_not_lost_when_cycles_are_sparse_and_not_doubled_when_replanned()
    {
        var ledger = AlertPlanner.Plan(Input(4, T0, new TargetView("web-1", null, Down(4, T0)))).Ledger["web-1"];
        // A cycle just before 4 h, then the next 20 minutes later: the reminder goes in the later one, once.
        var input = Input(9, T0.AddHours(4).AddMinutes(15), new TargetView("web-1", null, Down(4, T0), ledger)) with { PreviousCycleAt = T0.AddHours(3).AddMinutes(55) };
        var plan = AlertPlanner.Plan(input);
        Assert.Equal(1, Assert.Single(plan.Deliveries).Alert.Reminder);
        Assert.Equal(plan.Deliveries[0].Alert.Id, AlertPlanner.Plan(input).Deliveries[0].Alert.Id);
    }

    [Fact]
    public void No_reminder_while_a_maintenance_window_or_a_down_parent_holds_alerts()
    {
        var ledger = AlertPlanner.Plan(Input(4, T0, new TargetView("web-1", null, Down(4, T0)))).Ledger["web-1"];
        var at4h = Input(9, T0.AddHours(4).AddSeconds(10), new TargetView("web-1", null, Down(4, T0), ledger)) with { PreviousCycleAt = T0.AddHours(4).AddSeconds(-20) };
        Assert.Single(AlertPlanner.Plan(at4h).Deliveries);
        Assert.Empty(AlertPlanner.Plan(at4h with { InMaintenance = true }).Deliveries);
        Assert.Empty(AlertPlanner.Plan(at4h with
        {
            ParentOf = new Dictionary<string, string> { ["web-1"] = "gw-1" },
            ParentStates = new Dictionary<string, MonitorState> { ["gw-1"] = MonitorState.Down },
        }).Deliveries);
    }

    [Fact]
    public void A_down_again_before_the_resolve_went_out_continues_the_incident()
    {
        // Told "down"; it came back inside a window (the resolve waited) and went down again: nobody hears a second down.
        var ledger = AlertPlanner.Plan(Input(4, T0, new TargetView("web-1", null, Down(4, T0)))).Ledger["web-1"];
        var waiting = AlertPlanner.Plan(Input(20, T0.AddMinutes(8), new TargetView("web-1", null, Up(20, T0.AddMinutes(8)), ledger)) with { InMaintenance = true }).Ledger["web-1"];
        var again = AlertPlanner.Plan(Input(30, T0.AddMinutes(13), new TargetView("web-1", null, Down(30, T0.AddMinutes(13)), waiting)));

        Assert.Empty(again.Deliveries);
        var entry = again.Ledger["web-1"]!;
        Assert.Equal((30L, AlertIds.ForChange("edge", "web-1", 30, MonitorState.Down), true, T0, T0), (entry.ChangeCycle, entry.AlertId, entry.Announced, entry.AnnouncedAt, entry.Since));
        Assert.False(entry.Maintenance);

        // Its eventual up resolves the one incident.
        var up = AlertPlanner.Plan(Input(40, T0.AddMinutes(18), new TargetView("web-1", null, Up(40, T0.AddMinutes(18)), entry)));
        Assert.Equal("web-1 up again after 18m", up.Sent.Single().Title);
    }

    [Fact]
    public void A_target_listed_twice_is_planned_once()
    {
        var view = new TargetView("web-1", null, Down(4, T0));
        var plan = AlertPlanner.Plan(Input(4, T0, view, view));
        Assert.Equal(2, plan.Deliveries.Count); // ops and pager, once each
        Assert.Single(plan.Sent);
    }
}
