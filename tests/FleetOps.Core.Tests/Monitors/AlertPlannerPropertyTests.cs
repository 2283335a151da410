using CsCheck;
using FleetOps.Core.Monitors;

namespace FleetOps.Core.Tests.Monitors;

/// <summary>
/// The state machine and the planner run together over random histories (a gateway and two dependents, maintenance
/// windows switching on and off, replanned cycles): the guarantees hold whatever happens.
/// </summary>
public sealed class AlertPlannerPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Names = ["gw", "a", "b"];
    private static readonly Dictionary<string, string> Parents = new() { ["a"] = "gw", ["b"] = "gw" };
    private static readonly NotifierRoute[] Routes = [new("ops", SendOnResolved: true, RepeatEvery: TimeSpan.FromMinutes(5)), new("quiet", SendOnResolved: false)];

    /// <summary>Per cycle: each target ok or not, and whether a maintenance window is on.</summary>
    private static readonly Gen<(bool[] Oks, bool Maintenance)[]> Histories =
        Gen.Select(Gen.Bool.Array[3], Gen.Int[0, 9].Select(i => i < 4)).Array[1, 150];

    private sealed record Sent(long Cycle, AlertDelivery Delivery, bool Maintenance, MonitorState ParentState);

    private static List<Sent> Simulate((bool[] Oks, bool Maintenance)[] history, bool replan) => Run(history, replan).Sent;

    private static (List<Sent> Sent, Dictionary<string, AlertLedgerEntry> Ledger) Run((bool[] Oks, bool Maintenance)[] history, bool replan)
    {
        var thresholds = new Thresholds(2, 2);
        var states = Names.ToDictionary(n => n, _ => TargetState.New);
        var ledger = new Dictionary<string, AlertLedgerEntry>();
        var sent = new List<Sent>();
        DateTimeOffset? previous = null;
        for (var c = 0; c < history.Length; c++)
        {
            var cycle = c + 1;
            var now = T0.AddMinutes(c);
            for (var t = 0; t < Names.Length; t++)
                states[Names[t]] = TargetStateMachine.Apply(Names[t], states[Names[t]], new Observation(history[c].Oks[t], now, 10), thresholds, cycle).State;
            var input = new AlertPlanInput
            {
                Monitor = "m", Cycle = cycle, Now = now, PreviousCycleAt = previous, InMaintenance = history[c].Maintenance,
                Targets = Names.Select(n => new TargetView(n, null, states[n], ledger.GetValueOrDefault(n))).ToList(),
                ParentOf = Parents,
                ParentStates = new Dictionary<string, MonitorState> { ["gw"] = states["gw"].State },
                Notifiers = Routes,
            };
            var plan = AlertPlanner.Plan(input);
            if (replan) plan = AlertPlanner.Plan(input); // a redelivered planner sees the same input
            sent.AddRange(plan.Deliveries.Select(d => new Sent(cycle, d, history[c].Maintenance, states["gw"].State)));
            foreach (var (target, entry) in plan.Ledger)
            {
                if (entry is null) ledger.Remove(target);
                else ledger[target] = entry;
            }
            previous = now;
        }
        return (sent, ledger);
    }

    [Fact]
    public void No_alert_is_sent_twice_to_a_notifier_and_replanning_changes_nothing() =>
        Histories.Sample(history =>
        {
            var sent = Simulate(history, replan: false);
            var again = Simulate(history, replan: true);
            var keys = sent.Select(s => (s.Delivery.Alert.Id, s.Delivery.Notifier)).ToList();
            return keys.Count == keys.Distinct().Count() && keys.SequenceEqual(again.Select(s => (s.Delivery.Alert.Id, s.Delivery.Notifier)));
        });

    [Fact]
    public void Nothing_is_sent_inside_maintenance_and_no_dependent_down_while_its_gateway_is_down() =>
        Histories.Sample(history => Simulate(history, replan: false).All(s =>
            !s.Maintenance
            && !(s.Delivery.Alert.Target != "gw" && s.Delivery.Alert.Kind != AlertKind.Up && s.ParentState == MonitorState.Down)));

    [Fact]
    public void Per_target_and_notifier_downs_and_ups_alternate_starting_with_a_down() =>
        Histories.Sample(history =>
        {
            foreach (var group in Simulate(history, replan: false).Where(s => s.Delivery.Alert.Kind != AlertKind.StillDown)
                         .GroupBy(s => (s.Delivery.Alert.Target, s.Delivery.Notifier)))
            {
                var kinds = group.Select(s => s.Delivery.Alert.Kind).ToList();
                var resolves = group.Key.Notifier == "ops";
                for (var i = 0; i < kinds.Count; i++)
                {
                    var expected = !resolves || i % 2 == 0 ? AlertKind.Down : AlertKind.Up;
                    // A notifier without resolves sees only downs; a new down may follow a resolve it never got.
                    if (kinds[i] != expected) return false;
                }
            }
            return true;
        });

    [Fact]
    public void Held_back_alerts_go_out_once_the_hold_lifts_and_every_incident_is_resolved_in_the_end() =>
        Histories.Sample(history =>
        {
            // Whatever happened, then: the gateway up, both dependents down, no window... then everything up.
            (bool[], bool)[] down = [.. Enumerable.Repeat<(bool[], bool)>(([true, false, false], false), 4)];
            (bool[], bool)[] up = [.. Enumerable.Repeat<(bool[], bool)>(([true, true, true], false), 4)];
            var (_, afterDown) = Run([.. history, .. down], replan: false);
            var (sent, afterUp) = Run([.. history, .. down, .. up], replan: false);
            return afterDown.TryGetValue("a", out var a) && a.Announced && afterDown.TryGetValue("b", out var b) && b.Announced
                && afterUp.Count == 0
                && sent.Count(s => s.Delivery.Notifier == "ops" && s.Delivery.Alert.Kind == AlertKind.Down)
                   == sent.Count(s => s.Delivery.Notifier == "ops" && s.Delivery.Alert.Kind == AlertKind.Up);
        });
}
