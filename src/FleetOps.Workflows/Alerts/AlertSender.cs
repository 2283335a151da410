using FleetOps.Core.Notifiers;
using FleetOps.Probing.Notifiers;
using FleetOps.Workflows.Notifiers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Alerts;

public enum DeliveryStatus { Sent, AlreadySent, Transient, Permanent }

/// <summary>One delivery attempt's result; <see cref="Error"/> says why it was not sent (never a secret).</summary>
public sealed record DeliveryResult(DeliveryStatus Status, string? Error = null)
{
    public static readonly DeliveryResult Sent = new(DeliveryStatus.Sent);
    public static readonly DeliveryResult AlreadySent = new(DeliveryStatus.AlreadySent);
}

/// <summary>
/// Delivers one alert message once: claims its (alert id, notifier) record, reads the notifier as it is stored now,
/// builds the request at send time (so a webhook's timestamp and signature are fresh on every attempt, and a
/// <c>fromSetting</c> secret is read now), sends it through the notifier policy, and records the outcome.
/// </summary>
public sealed class AlertSender(NotifierStore notifiers, DeliveryRecords records, NotifierSender sender, ISecretSource secrets,
    IOptions<NotifierOptions> options, TimeProvider time, ILogger<AlertSender> logger)
{
    /// <summary>How long a claim holds: one send's timeout and a margin. A sender that died lets the next take over after it.</summary>
    private TimeSpan Lease => TimeSpan.FromMilliseconds(options.Value.TimeoutMs) + TimeSpan.FromSeconds(5);

    public async Task<DeliveryResult> DeliverAsync(AlertMessage message, CancellationToken ct)
    {
        var (claim, record) = await records.ClaimAsync(message.Id, message.Notifier, Lease, ct).ConfigureAwait(false);
        if (claim == ClaimOutcome.AlreadySent) return DeliveryResult.AlreadySent;
        if (claim == ClaimOutcome.Busy) return new(DeliveryStatus.Transient, $"alert {message.Id} is being sent to notifier '{message.Notifier}' by another delivery");

        var stored = await notifiers.GetAsync(message.Notifier, ct).ConfigureAwait(false);
        if (stored is null)
            return await FailAsync(record!, null, $"notifier '{message.Notifier}' does not exist (deleted, or never stored with PUT /api/notifiers/{message.Notifier})", transient: false, ct).ConfigureAwait(false);

        var notification = ToNotification(message);
        NotifierRequest request;
        try
        {
            request = NotifierKinds.Build(stored.Definition, notification, secrets, time.GetUtcNow());
        }
        catch (NotifierConfigException e)
        {
            return await FailAsync(record!, null, $"notifier '{message.Notifier}' cannot send as configured: {e.Message}", transient: false, ct).ConfigureAwait(false);
        }

        var result = await sender.SendAsync(request, ct).ConfigureAwait(false);
        if (!result.Ok)
            return await FailAsync(record!, result.Status, result.Error!.Message, result.Error.Transient, ct).ConfigureAwait(false);
        await records.MarkSentAsync(record!, result.Status, ct).ConfigureAwait(false);
        logger.LogInformation("Alert {AlertId} ({Event}) sent to notifier {Notifier} ({Destination}): {Status} in {ElapsedMs} ms, attempt {Attempt}",
            message.Id, notification.Event, message.Notifier, request.Destination, result.Status, result.ElapsedMs, record!.Attempts);
        return DeliveryResult.Sent;
    }

    public static Notification ToNotification(AlertMessage message) =>
        message.Alert is { } alert ? MonitorNotifications.Of(alert)
        : message.Rollout is { } notice ? notice.ToNotification()
        : throw new InvalidDataException("an alert message carries neither an alert nor a rollout notice");

    private async Task<DeliveryResult> FailAsync(DeliveryRecord claim, int? status, string error, bool transient, CancellationToken ct)
    {
        await records.ReleaseAsync(claim, status, error, failed: !transient, ct).ConfigureAwait(false);
        return new DeliveryResult(transient ? DeliveryStatus.Transient : DeliveryStatus.Permanent, error);
    }
}
