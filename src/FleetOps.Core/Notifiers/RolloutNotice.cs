using System.Globalization;
using FleetOps.Core.Monitors;
using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Notifiers;

/// <summary>
/// A rollout event its notifiers hear about: it waits for approval, halted, rolled back, was cancelled, or completed,
/// with the reason. Waiting, halted and rolled-back fire (one incident per run); cancelled and completed resolve it.
/// </summary>
public sealed record RolloutNotice
{
    /// <summary>The states that notify; others (running, paused) do not.</summary>
    public static readonly IReadOnlySet<RolloutState> Notified = new HashSet<RolloutState>
        { RolloutState.WaitingApproval, RolloutState.Halted, RolloutState.RolledBack, RolloutState.Cancelled, RolloutState.Completed };

    public const string AlertName = "FleetOpsRollout";

    public required string RunId { get; init; }
    public string? Name { get; init; }
    public RolloutState State { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>Wave k of n when it happened: the id tells apart approvals of different waves.</summary>
    public int Wave { get; init; }
    public int Waves { get; init; }
    public int NodesTotal { get; init; }
    public int NodesDone { get; init; }
    public int NodesFailed { get; init; }
    public string? Inventory { get; init; }

    /// <summary>The idempotency key: one per run, state and wave.</summary>
    public string Id => AlertIds.ForRollout(RunId, StateName, Wave);

    public string StateName => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(State.ToString());

    public Notification ToNotification(string? link = null)
    {
        if (!Notified.Contains(State)) throw new InvalidOperationException($"a rollout in state {StateName} does not notify");
        var label = Name ?? RunId;
        var title = State switch
        {
            RolloutState.WaitingApproval => $"rollout {label} waits for approval before wave {Wave} of {Waves}",
            RolloutState.Halted => $"rollout {label} halted at wave {Wave} of {Waves}",
            RolloutState.RolledBack => $"rollout {label} rolled back at wave {Wave} of {Waves}",
            RolloutState.Cancelled => $"rollout {label} cancelled at wave {Wave} of {Waves}",
            _ => $"rollout {label} completed: {NodesDone} of {NodesTotal} nodes",
        };
        var facts = new List<KeyValuePair<string, string>>
        {
            new("Rollout", label), new("Run", RunId), new("State", StateName),
            new("Wave", $"{Wave} of {Waves}"),
            new("Nodes", $"{NodesDone} done, {NodesFailed} failed, of {NodesTotal}"),
        };
        if (Inventory is { } inventory) facts.Add(new("Inventory", inventory));
        if (Reason is { } reason) facts.Add(new("Reason", reason));

        var resolves = State is RolloutState.Cancelled or RolloutState.Completed;
        return new Notification
        {
            Id = Id,
            IncidentKey = AlertIds.RolloutIncidentKey(RunId),
            Event = "rollout." + StateName,
            Status = resolves ? NotificationStatus.Resolved : NotificationStatus.Firing,
            Severity = State switch
            {
                RolloutState.Halted or RolloutState.RolledBack => NotificationSeverity.Error,
                RolloutState.WaitingApproval => NotificationSeverity.Warning,
                _ => NotificationSeverity.Info,
            },
            Title = title,
            Detail = Reason,
            Source = label,
            StartsAt = At,
            At = At,
            Facts = facts,
            Labels = new Dictionary<string, string> { ["alertname"] = AlertName, ["rollout"] = label, ["run"] = RunId },
            Link = link,
            Rollout = this,
        };
    }
}
