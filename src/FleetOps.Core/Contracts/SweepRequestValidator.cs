using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Contracts;

/// <summary>
/// Checks a parsed request field by field, each problem with the path of its field: the first
/// <see cref="ValidationErrors.MaxListed"/> problems, then a count of the rest. Checks validate themselves
/// (<see cref="CheckValidator"/>); the cost is linear in the request and capped by <see cref="SweepLimits"/>.
/// </summary>
public static class SweepRequestValidator
{
    /// <summary>Targets a sweep takes unless FleetOps:Limits:MaxTargetsPerRun says otherwise (<see cref="SweepLimits.MaxTargets"/>); a rollout's cap.</summary>
    public const int MaxTargets = 100_000;
    public const int MaxBatchSize = 5_000;

    public static IReadOnlyList<ValidationError> Validate(SweepRequest request, SweepLimits? limits = null)
    {
        limits ??= SweepLimits.Default;
        var errors = new ValidationErrors();
        if (request.RequestId is { } id && RequestIds.Check(id) is { } idProblem) errors.Add("requestId", idProblem);

        if (request.Checks is { } topChecks)
            for (var c = 0; c < topChecks.Count; c++) CheckValidator.Validate(topChecks[c], $"checks[{c}]", errors);

        if (request.Targets is not { Count: > 0 } targets)
        {
            errors.Add("targets", "at least one target is required");
        }
        else if (targets.Count > limits.MaxTargets)
        {
            errors.Add("targets", $"{targets.Count} targets is more than the {limits.MaxTargets} a sweep takes");
        }
        else
        {
            // What each check needs from each address is asked per target × check: only within the probe limit.
            var withinLimit = CheckProbeCount(targets, request.Checks, limits, errors);
            var names = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var t = 0; t < targets.Count; t++) ValidateTarget(targets[t], t, request.Checks, names, withinLimit, errors);
        }

        if (request.Options is { } o)
        {
            Range(o.BatchSize, 1, MaxBatchSize, "options.batchSize", errors);
            Range(o.Concurrency, 1, ProbeOptions.MaxConcurrency, "options.concurrency", errors);
            Range(o.TimeoutMs, 1, ProbeOptions.MaxTimeoutMs, "options.timeoutMs", errors);
            Range(o.Attempts, 1, ProbeOptions.MaxAttempts, "options.attempts", errors);
            Range(o.ChunkBatches, 1, 1000, "options.chunkBatches", errors);
        }
        return errors.ToList();
    }

    /// <summary>Targets × their checks against the limit; over it, names the checks that took the count over.</summary>
    private static bool CheckProbeCount(List<TargetSpec> targets, List<CheckSpec>? topChecks, SweepLimits limits, ValidationErrors errors)
    {
        long probes = 0;
        string? over = null;
        for (var t = 0; t < targets.Count; t++)
        {
            probes += (targets[t]?.Checks ?? topChecks)?.Count ?? 0;
            if (over is null && probes > limits.MaxProbesPerRun) over = targets[t]?.Checks is null ? "checks" : $"targets[{t}].checks";
        }
        if (over is null) return true;
        errors.Add(over, $"{targets.Count} targets and their checks make {probes} probes, more than the {limits.MaxProbesPerRun} a sweep runs: split it into several sweeps");
        return false;
    }

    private static void ValidateTarget(TargetSpec? target, int index, List<CheckSpec>? topChecks, Dictionary<string, int> names, bool askChecks, ValidationErrors errors)
    {
        var path = $"targets[{index}]";
        if (target is null) { errors.Add(path, "must be an object"); return; }
        if (string.IsNullOrWhiteSpace(target.Name)) errors.Add($"{path}.name", "is required");
        else if (!names.TryAdd(target.Name, index)) errors.Add($"{path}.name", $"{Echo.Quote(target.Name)} is also the name of targets[{names[target.Name]}]");

        if (!AddressParser.TryParse(target.Address, out var address, out var addressError)) errors.Add($"{path}.address", addressError!);

        var checks = target.Checks ?? topChecks;
        var checksPath = target.Checks is null ? "checks" : $"{path}.checks";
        if (checks is not { Count: > 0 }) { errors.Add(checksPath, $"no checks for target {path}: give checks at the top level or on the target"); return; }
        if (target.Checks is not null)
            for (var c = 0; c < checks.Count; c++) CheckValidator.Validate(checks[c], $"{checksPath}[{c}]", errors);
        if (address is not null && askChecks) CheckValidator.ValidateTarget(checks, checksPath, address, path, errors);
    }

    private static void Range(int? value, int min, int max, string field, ValidationErrors errors)
    {
        if (value is { } v && (v < min || v > max)) errors.Add(field, $"{v} is out of range {min}-{max}");
    }
}
