using FleetOps.Workflows.Alerts;
using Microsoft.DurableTask;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// Hands a rollout's events to its notifiers: one alert-deliveries message per (event, notifier). A redelivered
/// activity enqueues the same messages again; delivery sends each (event id, notifier) once.
/// </summary>
public sealed class NotifyRolloutActivity(AlertOutbox outbox, TimeProvider time) : TaskActivity<RolloutNoticeInput, int>
{
    public const string Name = nameof(NotifyRolloutActivity);

    public override Task<int> RunAsync(TaskActivityContext context, RolloutNoticeInput input) => ExecuteAsync(input, CancellationToken.None);

    public async Task<int> ExecuteAsync(RolloutNoticeInput input, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var messages = input.Notices.SelectMany(notice => input.Notifiers.Select(notifier => AlertMessage.For(notice, notifier, now))).ToList();
        await outbox.EnqueueAsync(messages, cancellationToken).ConfigureAwait(false);
        return messages.Count;
    }
}
