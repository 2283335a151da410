using FleetOps.Core.Contracts;

namespace FleetOps.Core.Monitors;

/// <summary>
/// Checks a parsed monitor definition field by field, as <see cref="SweepRequestValidator"/> checks sweeps: every
/// problem, each with the path of its field. What needs storage (a stored inventory's hosts, an inline inventory's
/// parse) is checked by <see cref="ValidateResolved"/> once the caller has resolved the targets.
/// </summary>
public static class MonitorDefinitionValidator
{
    public static IReadOnlyList<ValidationError> Validate(MonitorDefinition definition, string? routeName = null, MonitorRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        rules ??= MonitorRules.Default;
        var errors = new ValidationErrors(); // capped: a definition may be wrong a million times
        void Fail(string field, string message) => errors.Add(field, message);

        ValidateName(definition.Name, routeName, Fail);
        if (definition.Heartbeat is { } heartbeat) MonitorTimingValidation.ValidateHeartbeat(definition, heartbeat, rules, Fail);
        else
        {
            MonitorSourceValidation.Validate(definition, Fail);
            MonitorTimingValidation.ValidateSchedule(definition, rules, Fail);
            Range(definition.FailureThreshold, 1, MonitorLimits.MaxThreshold, "failureThreshold", Fail);
            Range(definition.SuccessThreshold, 1, MonitorLimits.MaxThreshold, "successThreshold", Fail);
        }
        TimeZones.TryFind(definition.TimeZone, out var zoneError);
        if (zoneError is not null) Fail("timeZone", zoneError);
        MonitorTimingValidation.ValidateMaintenance(definition.Maintenance, Fail);
        ValidateNotifiers(definition.Notifiers, Fail);
        ValidateLabels(definition.Labels, Fail);
        return errors.ToList();
    }

    /// <summary>
    /// The targets a stored inventory or inline inventory gave (resolved by the caller), checked as a sweep's inline
    /// targets are, with each problem reported at <paramref name="sourceField"/> and naming the host.
    /// </summary>
    public static IReadOnlyList<ValidationError> ValidateResolved(MonitorDefinition definition, IReadOnlyList<TargetSpec> targets, string sourceField)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(targets);
        var errors = new ValidationErrors();
        MonitorSourceValidation.ValidateTargets(definition with { Targets = [.. targets] }, (field, message) =>
        {
            var host = HostOf(field, targets);
            errors.Add(sourceField, host is null ? $"{field}: {message}" : $"host {Echo.Quote(host)}: {message}");
        });
        return errors.ToList();
    }

    private static string? HostOf(string field, IReadOnlyList<TargetSpec> targets)
    {
        if (!field.StartsWith("targets[", StringComparison.Ordinal)) return null;
        var close = field.IndexOf(']', StringComparison.Ordinal);
        return close > 8 && int.TryParse(field.AsSpan(8, close - 8), out var i) && i < targets.Count ? targets[i]?.Name : null;
    }

    private static void ValidateNotifiers(List<MonitorNotifierRef>? notifiers, Action<string, string> fail)
    {
        if (notifiers is null) return;
        if (notifiers.Count > MonitorLimits.MaxNotifiers) { fail("notifiers", $"{notifiers.Count} notifiers is more than {MonitorLimits.MaxNotifiers}"); return; }
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < notifiers.Count; i++)
        {
            var path = $"notifiers[{i}]";
            if (notifiers[i] is not { } notifier) { fail(path, "must be an object"); continue; }
            if (string.IsNullOrEmpty(notifier.Name)) fail($"{path}.name", "is required: the name of a notifier stored with PUT /api/notifiers/{name}");
            else if (RequestIds.Check(notifier.Name) is { } problem) fail($"{path}.name", problem);
            else if (!names.TryAdd(notifier.Name, i)) fail($"{path}.name", $"{Echo.Quote(notifier.Name)} is also notifiers[{names[notifier.Name]}]");
            DurationField.Parse(notifier.RepeatEvery, $"{path}.repeatEvery", MonitorLimits.MinRepeatEvery, MonitorLimits.MaxRepeatEvery, fail);
        }
    }

    /// <summary>A stored definition's name is an instance id and a blob name; in a PUT body it must match the path.</summary>
    internal static void ValidateName(string? name, string? routeName, Action<string, string> fail)
    {
        if (name is null) return;
        if (RequestIds.Check(name) is { } problem) fail("name", problem);
        else if (routeName is not null && name != routeName) fail("name", $"{Echo.Quote(name)} is not the name in the path ({Echo.Quote(routeName)}): leave it out or make them equal");
    }

    internal static void ValidateLabels(Dictionary<string, string>? labels, Action<string, string> fail, string field = "labels")
    {
        if (labels is null) return;
        if (labels.Count > MonitorLimits.MaxLabels) { fail(field, $"{labels.Count} labels is more than {MonitorLimits.MaxLabels}"); return; }
        foreach (var (key, value) in labels)
        {
            if (LabelKeyProblem(key) is { } problem) fail(field, problem);
            else if (value is null) fail($"{field}.{Echo.Key(key)}", "must be a string");
            else if (value.Length > MonitorLimits.MaxLabelValueLength) fail($"{field}.{Echo.Key(key)}", $"is {value.Length} characters, more than {MonitorLimits.MaxLabelValueLength}");
        }
    }

    internal static string? LabelKeyProblem(string key) =>
        key.Length is 0 or > MonitorLimits.MaxLabelKeyLength || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? $"{Echo.Quote(key)} is not a label key: 1 to {MonitorLimits.MaxLabelKeyLength} characters, no spaces"
            : null;

    internal static void Range(int? value, int min, int max, string field, Action<string, string> fail)
    {
        if (value is { } v && (v < min || v > max)) fail(field, $"{v} is out of range {min}-{max}");
    }
}
