using FleetOps.Core.Contracts;
using FleetOps.Core.Monitors;

namespace FleetOps.Core.Notifiers;

/// <summary>
/// Checks a notifier definition: the kind, the fields its kind does not take, every secret reference, then the
/// kind's own rules. Every problem is reported with its field's path.
/// </summary>
public static class NotifierDefinitionValidator
{
    /// <summary>Each field, its value, and whether it is a secret (so its fromSetting is checked).</summary>
    private static readonly (string Field, Func<NotifierDefinition, object?> Value)[] KindFields =
    [
        ("url", d => d.Url), ("signingKey", d => d.SigningKey), ("headers", d => d.Headers), ("routingKey", d => d.RoutingKey),
        ("severity", d => d.Severity), ("alertLabels", d => d.AlertLabels), ("holdFor", d => d.HoldFor),
    ];

    public static IReadOnlyList<ValidationError> Validate(NotifierDefinition definition, string? routeName = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new ValidationErrors(); // capped: a definition may be wrong a million times
        void Fail(string field, string message) => errors.Add(field, message);

        MonitorDefinitionValidator.ValidateName(definition.Name, routeName, Fail);
        MonitorDefinitionValidator.ValidateLabels(definition.Labels, Fail);
        if (definition.Kind is null) { Fail("kind", $"is required: one of {NotifierKinds.Names}"); return errors.ToList(); }
        if (NotifierKinds.Find(definition.Kind) is not { } kind) { Fail("kind", $"{Echo.Quote(definition.Kind)} is not one of {NotifierKinds.Names}"); return errors.ToList(); }

        foreach (var (field, value) in KindFields)
            if (value(definition) is not null && !kind.Fields.Contains(field))
                Fail(field, $"not used by {kind.Name} notifiers (they take {string.Join(", ", kind.Fields)})");
        CheckSetting(definition.Url, "url", Fail);
        CheckSetting(definition.SigningKey, "signingKey", Fail);
        CheckSetting(definition.RoutingKey, "routingKey", Fail);
        foreach (var (header, value) in definition.Headers ?? [])
            CheckSetting(value, $"headers.{Echo.Key(header)}", Fail);

        kind.Validate(definition, Fail);
        return errors.ToList();
    }

    private static void CheckSetting(SecretText? secret, string field, Action<string, string> fail)
    {
        if (secret?.FromSetting is { } setting && SecretSettings.Check(setting) is { } problem) fail($"{field}.fromSetting", problem);
    }
}
