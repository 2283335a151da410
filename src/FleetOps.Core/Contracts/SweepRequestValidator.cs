using FleetOps.Core.Probing;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Contracts;

/// <summary>Checks a parsed request field by field. Every problem is reported, each with the path of its field.</summary>
public static class SweepRequestValidator
{
    public const int MaxTargets = 100_000;
    public const int MaxBatchSize = 5_000;

    public static IReadOnlyList<ValidationError> Validate(SweepRequest request)
    {
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new ValidationError(field, message));

        if (request.RequestId is { } id && RequestIds.Check(id) is { } idProblem) Fail("requestId", idProblem);

        if (request.Checks is { } topChecks)
            for (var c = 0; c < topChecks.Count; c++) ValidateCheck(topChecks[c], $"checks[{c}]", Fail);

        if (request.Targets is not { Count: > 0 } targets)
        {
            Fail("targets", "at least one target is required");
        }
        else if (targets.Count > MaxTargets)
        {
            Fail("targets", $"{targets.Count} targets is more than the {MaxTargets} a sweep takes");
        }
        else
        {
            var names = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var t = 0; t < targets.Count; t++) ValidateTarget(targets[t], t, request.Checks, names, Fail);
        }

        if (request.Options is { } o)
        {
            Range(o.BatchSize, 1, MaxBatchSize, "options.batchSize", Fail);
            Range(o.Concurrency, 1, ProbeOptions.MaxConcurrency, "options.concurrency", Fail);
            Range(o.TimeoutMs, 1, ProbeOptions.MaxTimeoutMs, "options.timeoutMs", Fail);
            Range(o.Attempts, 1, ProbeOptions.MaxAttempts, "options.attempts", Fail);
        }
        return errors;
    }

    private static void ValidateTarget(TargetSpec? target, int index, List<CheckSpec>? topChecks, Dictionary<string, int> names, Action<string, string> fail)
    {
        var path = $"targets[{index}]";
        if (target is null) { fail(path, "must be an object"); return; }
        if (string.IsNullOrWhiteSpace(target.Name)) fail($"{path}.name", "is required");
        else if (!names.TryAdd(target.Name, index)) fail($"{path}.name", $"'{target.Name}' is also the name of targets[{names[target.Name]}]");

        int? port = null;
        if (!AddressParser.TrySplit(target.Address, out _, out port, out var addressError)) fail($"{path}.address", addressError!);

        var checks = target.Checks ?? topChecks;
        var checksPath = target.Checks is null ? "checks" : $"{path}.checks";
        if (checks is not { Count: > 0 }) { fail(checksPath, $"no checks for target {path}: give checks at the top level or on the target"); return; }
        for (var c = 0; c < checks.Count; c++)
        {
            if (target.Checks is not null) ValidateCheck(checks[c], $"{checksPath}[{c}]", fail);
            if (checks[c] is { Kind: CheckKind.Tcp, Port: null } && port is null && addressError is null)
                fail($"{path}.address", $"'{target.Address}' has no port and {checksPath}[{c}] (tcp) names none");
        }
    }

    private static void ValidateCheck(CheckSpec? check, string path, Action<string, string> fail)
    {
        if (check is null) { fail(path, "must be an object"); return; }
        if (!Enum.IsDefined(check.Kind)) fail($"{path}.kind", "must be one of: tcp, http");
        Range(check.Port, 1, 65535, $"{path}.port", fail);
        Range(check.TimeoutMs, 1, ProbeOptions.MaxTimeoutMs, $"{path}.timeoutMs", fail);
        if (check.Scheme is { } scheme && scheme is not ("http" or "https")) fail($"{path}.scheme", $"'{scheme}' is not http or https");
        if (check.Path is { } p && !p.StartsWith('/')) fail($"{path}.path", $"'{p}' must start with '/'");
        if (check.Url is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            fail($"{path}.url", $"'{url}' is not an absolute http or https URL");
        if (check.ExpectStatus is { } statuses)
            for (var s = 0; s < statuses.Count; s++) Range(statuses[s], 100, 599, $"{path}.expectStatus[{s}]", fail);
        if (check.Kind == CheckKind.Tcp && (check.Path ?? check.Url ?? check.Scheme) is not null)
            fail($"{path}.kind", "tcp checks take no url, path or scheme: did you mean http?");
    }

    private static void Range(int? value, int min, int max, string field, Action<string, string> fail)
    {
        if (value is { } v && (v < min || v > max)) fail(field, $"{v} is out of range {min}-{max}");
    }
}
