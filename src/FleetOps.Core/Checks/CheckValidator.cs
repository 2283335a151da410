using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Checks;

/// <summary>
/// Validates checks wherever a request gives them (a sweep's checks, a target's, a rollout gate's): what every kind
/// takes here, the kind's own fields in the kind (<see cref="CheckSpec.Validate"/>), and what each check needs from
/// each target's address (<see cref="CheckSpec.ValidateTarget"/>).
/// </summary>
internal static class CheckValidator
{
    public const int MaxConditions = 32, MaxConditionLength = 1024;

    /// <param name="path">Where the check is: "checks[2]", "targets[0].checks[1]", "gate.checks[0]".</param>
    public static void Validate(CheckSpec? check, string path, ValidationErrors errors)
    {
        if (check is null) { errors.Add(path, "must be an object"); return; }
        if (CheckKinds.Find(check.GetType()) is not { } kind) { errors.Add($"{path}.{CheckJson.KindField}", $"must be one of: {CheckKinds.Names}"); return; }
        foreach (var field in check.MisplacedFields)
            errors.Add($"{path}.{field}", $"not used by {kind.Name} checks ({CheckKinds.Taking(field)} checks take it)");

        var scope = new CheckErrors(errors, path);
        scope.Range(check.TimeoutMs, 1, ProbeOptions.MaxTimeoutMs, "timeoutMs");
        check.Validate(scope);
        ValidateConditions(check.Conditions, scope);
    }

    /// <summary>Asks each check what it needs from the target's address. Runs per target × check: allocates nothing unless an error is kept.</summary>
    /// <param name="checksPath">"checks", "targets[3].checks" or "gate.checks": how the messages name each check.</param>
    public static void ValidateTarget(IReadOnlyList<CheckSpec?> checks, string checksPath, TargetAddress address, string targetPath, ValidationErrors errors)
    {
        var scope = new TargetCheckErrors(errors, targetPath, address.Text, checksPath);
        for (var c = 0; c < checks.Count; c++)
        {
            if (checks[c] is not { } check || CheckKinds.Find(check.GetType()) is not { } kind) continue;
            scope.CheckIndex = c;
            scope.CheckKindName = kind.Name;
            check.ValidateTarget(address, scope);
        }
    }

    private static void ValidateConditions(List<string>? conditions, CheckErrors errors)
    {
        if (conditions is null) return;
        if (conditions.Count > MaxConditions) { errors.Fail("conditions", $"{conditions.Count} conditions is more than {MaxConditions}"); return; }
        var reported = new bool[conditions.Count];
        for (var j = 0; j < conditions.Count; j++)
        {
            if (string.IsNullOrWhiteSpace(conditions[j])) errors.Fail($"conditions[{j}]", "is empty");
            else if (conditions[j].Length > MaxConditionLength) errors.Fail($"conditions[{j}]", $"is {conditions[j].Length} characters, more than {MaxConditionLength}");
            else continue;
            reported[j] = true;
        }
        foreach (var (j, message) in ConditionLanguage.FindProblems(conditions, j => reported[j])) errors.Fail($"conditions[{j}]", message);
    }
}
