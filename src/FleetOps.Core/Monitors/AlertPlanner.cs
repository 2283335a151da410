namespace FleetOps.Core.Monitors;

/// <summary>
/// Decides a cycle's alerts from each target's state and what was told before (the ledger), so planning is pure and
/// the same input always gives the same alerts with the same ids:
/// <list type="bullet">
/// <item>a new down is sent, unless a maintenance window is on or the target's parent is down: then it is held back
/// (recorded as suppressed) and sent later if the target is still down when the hold lifts;</item>
/// <item>a down already sent gets reminders every <c>repeatEvery</c> of each notifier, outside holds; a target that
/// goes down again before its resolve was sent continues that incident (no second down);</item>
/// <item>up after a down that was sent resolves it (to notifiers with <c>sendOnResolved</c>), after any maintenance
/// window; up after a down that was held back ends quietly (recorded);</item>
/// <item>the first up of a new target says nothing.</item>
/// </list>
/// </summary>
public static class AlertPlanner
{
    public static AlertPlan Plan(AlertPlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var deliveries = new List<AlertDelivery>();
        var sent = new List<MonitorAlert>();
        var suppressed = new List<MonitorAlert>();
        var ledger = new Dictionary<string, AlertLedgerEntry?>(StringComparer.Ordinal);

        void Send(MonitorAlert alert, IEnumerable<NotifierRoute> routes)
        {
            sent.Add(alert);
            foreach (var route in routes) deliveries.Add(new AlertDelivery(alert, route.Name));
        }

        // A target listed twice would be planned twice: the first listing counts.
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in input.Targets)
        {
            if (!planned.Add(target.Name)) continue;
            var state = target.State;
            var entry = target.Ledger;
            var hold = Hold(input, target.Name);
            if (state.State == MonitorState.Down)
            {
                var id = AlertIds.ForChange(input.Monitor, target.Name, state.ChangeCycle, MonitorState.Down);
                var fresh = entry is null || entry.ChangeCycle != state.ChangeCycle || entry.AlertId != id;
                var current = !fresh ? entry!
                    // Down again before the resolve went out (it waited for a window, or was missed): for whoever was
                    // told "down", nothing changed. The incident goes on under the new change's id; no second down.
                    : entry is { Announced: true } ? entry with { AlertId = id, ChangeCycle = state.ChangeCycle, Maintenance = false, SuppressedBy = null }
                    : new AlertLedgerEntry { AlertId = id, ChangeCycle = state.ChangeCycle, Previous = state.Previous, Since = state.Since ?? input.Now };
                var alert = Alert(input, target, AlertKind.Down, id, current.Since, current.Previous);

                if (current.Announced)
                {
                    if (current != entry) ledger[target.Name] = current;
                    if (hold is null) Remind(input, target, current, alert, Send);
                    continue;
                }
                if (hold is { } h)
                {
                    // Held back: record it once per reason, not every cycle.
                    if (fresh || current.SuppressedBy != h.Parent || current.Maintenance != h.Maintenance)
                        suppressed.Add(alert with { SuppressedBy = h.Parent, Maintenance = h.Maintenance });
                    var held = current with { SuppressedBy = h.Parent, Maintenance = h.Maintenance };
                    if (held != entry) ledger[target.Name] = held;
                    continue;
                }
                Send(alert, input.Notifiers);
                ledger[target.Name] = current with { Announced = true, AnnouncedAt = input.Now, SuppressedBy = null, Maintenance = false };
            }
            else if (entry is not null)
            {
                var id = AlertIds.ForChange(input.Monitor, target.Name, state.ChangeCycle, state.State);
                var alert = Alert(input, target, AlertKind.Up, id, state.Since ?? input.Now, MonitorState.Down) with { DownSince = entry.Since };
                if (!entry.Announced)
                {
                    suppressed.Add(alert with { SuppressedBy = entry.SuppressedBy, Maintenance = entry.Maintenance });
                    ledger[target.Name] = null;
                }
                else if (input.InMaintenance)
                {
                    // The resolve waits for the window to end; record the wait once.
                    if (!entry.Maintenance) suppressed.Add(alert with { Maintenance = true });
                    if (!entry.Maintenance) ledger[target.Name] = entry with { Maintenance = true };
                }
                else
                {
                    Send(alert, input.Notifiers.Where(n => n.SendOnResolved));
                    ledger[target.Name] = null;
                }
            }
        }
        return new AlertPlan(deliveries, sent, suppressed, ledger);
    }

    /// <summary>Why a down of <paramref name="target"/> would be held back now: a maintenance window, or its parent is down.</summary>
    private static (string? Parent, bool Maintenance)? Hold(AlertPlanInput input, string target)
    {
        if (input.InMaintenance) return (null, true);
        return input.ParentOf.TryGetValue(target, out var parent)
            && input.ParentStates.TryGetValue(parent, out var parentState) && parentState == MonitorState.Down
            ? (parent, false)
            : null;
    }

    /// <summary>
    /// The n-th reminder to a notifier is due in the first cycle at or after announcedAt + n × repeatEvery: when
    /// a multiple fell between the previous cycle and this one. The same cycles always give the same reminders.
    /// </summary>
    private static void Remind(AlertPlanInput input, TargetView target, AlertLedgerEntry entry, MonitorAlert alert, Action<MonitorAlert, IEnumerable<NotifierRoute>> send)
    {
        if (entry.AnnouncedAt is not { } announced) return;
        foreach (var route in input.Notifiers)
        {
            if (route.RepeatEvery is not { } every || every <= TimeSpan.Zero) continue;
            var n = Multiples(input.Now - announced, every);
            var before = input.PreviousCycleAt is { } previous ? Multiples(previous - announced, every) : 0;
            if (n < 1 || n <= before) continue;
            send(alert with
            {
                Id = AlertIds.ForReminder(alert.Id, n),
                Kind = AlertKind.StillDown,
                Reminder = (int)Math.Min(n, int.MaxValue),
            }, [route]);
        }
    }

    private static long Multiples(TimeSpan elapsed, TimeSpan every) => elapsed <= TimeSpan.Zero ? 0 : elapsed.Ticks / every.Ticks;

    private static MonitorAlert Alert(AlertPlanInput input, TargetView target, AlertKind kind, string id, DateTimeOffset since, MonitorState previous)
    {
        var state = target.State;
        var dependents = input.Dependents.TryGetValue(target.Name, out var count) ? count : default;
        return new MonitorAlert
        {
            Id = id,
            Monitor = input.Monitor,
            Target = target.Name,
            Address = target.Address,
            Kind = kind,
            State = state.State,
            Previous = previous,
            Since = since,
            Cycle = state.ChangeCycle,
            PlannedCycle = input.Cycle,
            PlannedAt = input.Now,
            FailingCheck = kind == AlertKind.Up ? null : state.FailingCheck,
            ErrorKind = kind == AlertKind.Up ? null : state.ErrorKind,
            Error = kind == AlertKind.Up ? null : state.Error,
            Dependents = dependents.Total,
            DependentsUnreachable = dependents.Unreachable,
            IncidentKey = AlertIds.IncidentKey(input.Monitor, target.Name),
        };
    }
}
