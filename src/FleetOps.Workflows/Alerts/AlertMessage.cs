using FleetOps.Core.Monitors;
using FleetOps.Core.Notifiers;

namespace FleetOps.Workflows.Alerts;

/// <summary>
/// One message on <c>alert-deliveries</c>: what to tell one notifier. Exactly one of <see cref="Alert"/> (a monitor's
/// state change or reminder) and <see cref="Rollout"/> (a rollout event). Delivery de-duplicates on
/// (<see cref="Id"/>, <see cref="Notifier"/>), so enqueueing the same message twice sends it once.
/// </summary>
public sealed record AlertMessage(string Notifier)
{
    public MonitorAlert? Alert { get; init; }
    public RolloutNotice? Rollout { get; init; }
    public DateTimeOffset QueuedAt { get; init; }

    /// <summary>Which delivery attempt this message is (1 for the first; absent means 1): a retry is enqueued again with the next.</summary>
    public int Attempt { get; init; }

    public string Id => Alert?.Id ?? Rollout?.Id ?? throw new InvalidDataException("an alert message carries neither an alert nor a rollout notice");

    public static AlertMessage For(AlertDelivery delivery, DateTimeOffset now) => new(delivery.Notifier) { Alert = delivery.Alert, QueuedAt = now };

    public static AlertMessage For(RolloutNotice notice, string notifier, DateTimeOffset now) => new(notifier) { Rollout = notice, QueuedAt = now };
}
