using FleetOps.Core.Contracts;
using FleetOps.Core.Notifiers.Kinds;

namespace FleetOps.Core.Notifiers;

/// <summary>Every notifier kind, one line each. A new kind is a class implementing <see cref="INotifierKind"/> and a line here.</summary>
public static class NotifierKinds
{
    public static readonly IReadOnlyDictionary<string, INotifierKind> All = new INotifierKind[]
    {
        new WebhookNotifier(),
        new SlackNotifier(),
        new TeamsNotifier(),
        new PagerDutyNotifier(),
        new AlertmanagerNotifier(),
    }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static string Names => string.Join(", ", All.Keys);

    public static INotifierKind? Find(string? kind) => kind is not null && All.TryGetValue(kind, out var found) ? found : null;

    /// <summary>The request that delivers <paramref name="notification"/> through a validated notifier.</summary>
    public static NotifierRequest Build(NotifierDefinition definition, Notification notification, ISecretSource secrets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var kind = Find(definition.Kind) ?? throw new NotifierConfigException($"kind {Echo.Quote(definition.Kind)} is not one of {Names}");
        return kind.Build(definition, notification, secrets, now);
    }
}
