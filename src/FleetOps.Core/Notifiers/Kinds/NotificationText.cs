namespace FleetOps.Core.Notifiers.Kinds;

/// <summary>How the chat kinds phrase a notification: a marker by status and severity, and text cut to a receiver's limits.</summary>
internal static class NotificationText
{
    public static string Marker(Notification n) => n.Status == NotificationStatus.Resolved ? "✅" : n.Severity switch
    {
        NotificationSeverity.Critical or NotificationSeverity.Error => "🔴",
        NotificationSeverity.Warning => "🟠",
        _ => "🔵",
    };

    /// <summary>"[edge] gw-1 down; 57 dependents unreachable": the monitor or rollout in brackets, then the title.</summary>
    public static string Headline(Notification n)
    {
        var scope = n.Labels.TryGetValue("monitor", out var monitor) ? monitor : n.Labels.TryGetValue("rollout", out var rollout) ? rollout : null;
        return scope is null ? n.Title : $"[{scope}] {n.Title}";
    }

    /// <summary>At most <paramref name="max"/> characters, an ellipsis marking a cut (never splitting a surrogate pair).</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = max - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end] + "…";
    }
}
