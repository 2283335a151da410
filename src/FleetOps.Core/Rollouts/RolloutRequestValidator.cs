using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;
using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Rollouts;

/// <summary>
/// Checks a parsed rollout request field by field, as <see cref="SweepRequestValidator"/> does sweeps: each problem with
/// its path, the first <see cref="ValidationErrors.MaxListed"/> and a count of the rest. Gate checks are validated as a
/// sweep's are (<see cref="CheckValidator"/>).
/// </summary>
public static class RolloutRequestValidator
{
    public const int MaxConcurrency = 256;
    public const int MaxGateChecks = 16, MaxGatePasses = 20, MaxGateIntervalSeconds = 300, MaxGateDeadlineSeconds = 86_400;
    public const int MaxApprovalTimeoutSeconds = 604_800; // a week

    /// <summary>Set by the client on every attempt (the run id and node); a request must not set it.</summary>
    private static readonly HashSet<string> ActionReserved =
        new(HttpTokens.Reserved.Append(ActionLimits.IdempotencyHeader), StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<ValidationError> Validate(RolloutRequest request)
    {
        var errors = new ValidationErrors();
        if (request.RequestId is { } id && RequestIds.Check(id) is { } idProblem) errors.Add("requestId", idProblem);
        ValidateNodes(request, errors);
        if (request.Selector is { } selector)
        {
            try { Selector.Parse(selector); }
            catch (FormatException e) { errors.Add("selector", e.Message); }
        }

        if (request.Action is null) errors.Add("action", "is required: the request to send to each node");
        else ValidateAction(request.Action, "action", errors);
        if (request.Rollback is { } rollback) ValidateAction(rollback, "rollback", errors);

        foreach (var error in WavePlan.Check(request.Waves, request.Canary, request.BatchSize)) errors.Add(error);
        Range(request.Concurrency, 1, MaxConcurrency, "concurrency", errors);

        if (request.Gate is { } gate) ValidateGate(gate, errors);
        // Without a gate, or with queries only (an empty checks list is already gate.checks' problem).
        if (request.Preflight == true && request.Gate is null or { Checks: null, Prometheus: not null })
            errors.Add("preflight", "sweeps the gate's checks first: give gate.checks");
        ValidateBudgets(request, errors);
        ValidateApproval(request.Approval, errors);
        ValidateNotifiers(request.Notifiers, errors);
        return errors.ToList();
    }

    private static void ValidateNodes(RolloutRequest request, ValidationErrors errors)
    {
        if (request.Inventory is not null && request.Targets is not null) { errors.Add("inventory", "give only one of `targets` and `inventory`"); return; }
        if (request.Inventory is { } inventory)
        {
            if (RequestIds.Check(inventory) is { } problem) errors.Add("inventory", problem);
            return;
        }
        if (request.Targets is not { } targets) { errors.Add("targets", "give the nodes: inline `targets` or a stored `inventory` name"); return; }
        if (targets.Count == 0) { errors.Add("targets", "at least one target is required"); return; }
        if (targets.Count > SweepRequestValidator.MaxTargets) { errors.Add("targets", $"{targets.Count} targets is more than the {SweepRequestValidator.MaxTargets} a rollout takes"); return; }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < targets.Count; t++)
        {
            var path = $"targets[{t}]";
            if (targets[t] is not { } target) { errors.Add(path, "must be an object"); continue; }
            if (string.IsNullOrWhiteSpace(target.Name)) errors.Add($"{path}.name", "is required");
            else if (!names.TryAdd(target.Name, t)) errors.Add($"{path}.name", $"{Echo.Quote(target.Name)} is also the name of targets[{names[target.Name]}]");
            if (target.Checks is not null) errors.Add($"{path}.checks", "not used by rollouts: gate.checks run on every node");
            if (!AddressParser.TryParse(target.Address, out var address, out var addressError)) { errors.Add($"{path}.address", addressError!); continue; }
            // What a gate check needs from the node's address; known here only for inline targets.
            if (request.Gate?.Checks is { Count: <= MaxGateChecks } checks) CheckValidator.ValidateTarget(checks, "gate.checks", address!, path, errors);
        }
    }

    private static void ValidateAction(ActionSpec action, string path, ValidationErrors errors)
    {
        if (action.Method is { } method && Template(method, $"{path}.method", TemplateEncoding.Raw, errors) is { } m
            && !(m.Length <= HttpTokens.MaxMethodLength && HttpTokens.IsToken(m)))
            errors.Add($"{path}.method", $"{Echo.Quote(method)} is not an HTTP method: letters such as POST, PUT, GET (a token of at most {HttpTokens.MaxMethodLength} characters)");

        if (string.IsNullOrWhiteSpace(action.Url)) errors.Add($"{path}.url", "is required, e.g. \"http://{{address}}/admin/drain\"");
        else if (Template(action.Url, $"{path}.url", TemplateEncoding.Url, errors) is { } sample && HttpUrls.Check(sample) is { } urlProblem)
            errors.Add($"{path}.url", $"{Echo.Quote(action.Url)} {urlProblem} (for a sample node it reads {Echo.Quote(sample)})");

        if (action.Headers is { } headers)
        {
            if (headers.Count > HttpTokens.MaxHeaders) errors.Add($"{path}.headers", $"{headers.Count} headers is more than {HttpTokens.MaxHeaders}");
            foreach (var (name, value) in headers)
            {
                if (!(name.Length <= HttpTokens.MaxNameLength && HttpTokens.IsToken(name)))
                    errors.Add($"{path}.headers", $"{Echo.Quote(name)} is not a header name (letters, digits and !#$%&'*+-.^_`|~)");
                else if (ActionReserved.Contains(name))
                    errors.Add($"{path}.headers.{Echo.Key(name)}", "is set by FleetOps on every attempt: leave it out");
                else if (value is null)
                    errors.Add($"{path}.headers.{Echo.Key(name)}", "must be a string");
                else if (HttpTokens.CheckValue(value) is { } problem)
                    errors.Add($"{path}.headers.{Echo.Key(name)}", problem);
                else if (Template(value, $"{path}.headers.{Echo.Key(name)}", TemplateEncoding.Raw, errors) is { } host
                         && name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !AddressParser.TrySplit(host, out _, out _, out var hostProblem))
                    errors.Add($"{path}.headers.{Echo.Key(name)}", hostProblem!);
            }
        }

        if (action.Body is { } body)
        {
            if (body.Length > HttpTokens.MaxBodyLength) errors.Add($"{path}.body", $"is {body.Length} characters, more than {HttpTokens.MaxBodyLength}");
            else Template(body, $"{path}.body", TemplateEncoding.Raw, errors);
        }
        if (action.ExpectStatus is { } statuses)
        {
            if (statuses.Count == 0) errors.Add($"{path}.expectStatus", "is empty: leave it out to accept any 2xx");
            for (var s = 0; s < statuses.Count; s++) Range(statuses[s], 100, 599, $"{path}.expectStatus[{s}]", errors);
        }
        Range(action.TimeoutMs, 1, ActionLimits.MaxTimeoutMs, $"{path}.timeoutMs", errors);
        Range(action.Retries, 0, ActionLimits.MaxRetries, $"{path}.retries", errors);
    }

    /// <summary>The template rendered for a sample node, or null after reporting why it cannot be.</summary>
    private static string? Template(string template, string field, TemplateEncoding encoding, ValidationErrors errors)
    {
        if (ActionTemplate.Validate(template, field) is { } error) { errors.Add(error); return null; }
        return ActionTemplate.RenderSample(template, encoding);
    }

    private static void ValidateGate(GateSpec gate, ValidationErrors errors)
    {
        if (gate.Prometheus is { } queries) Analysis.PrometheusGateValidator.Validate(queries, "gate.prometheus", errors);
        if (gate.Checks is not { Count: > 0 } checks)
        {
            if (gate.Prometheus is null) errors.Add("gate.checks", "at least one check (or gate.prometheus) is required: the health each wave must show");
        }
        else if (checks.Count > MaxGateChecks) errors.Add("gate.checks", $"{checks.Count} checks is more than {MaxGateChecks}");
        else for (var c = 0; c < checks.Count; c++) CheckValidator.Validate(checks[c], $"gate.checks[{c}]", errors);
        Range(gate.Passes, 1, MaxGatePasses, "gate.passes", errors);
        Range(gate.IntervalSeconds, 1, MaxGateIntervalSeconds, "gate.intervalSeconds", errors);
        Range(gate.DeadlineSeconds, 1, MaxGateDeadlineSeconds, "gate.deadlineSeconds", errors);
        // N passes in a row take (N-1) intervals at least: a shorter deadline can never be met.
        if (gate is { Passes: > 1 and <= MaxGatePasses, IntervalSeconds: >= 1 and <= MaxGateIntervalSeconds, DeadlineSeconds: >= 1 and <= MaxGateDeadlineSeconds }
            && gate.DeadlineSeconds < (gate.Passes - 1) * gate.IntervalSeconds)
            errors.Add("gate.deadlineSeconds", $"{gate.DeadlineSeconds} s is shorter than {gate.Passes} passes {gate.IntervalSeconds} s apart take ({(gate.Passes - 1) * gate.IntervalSeconds} s)");
    }

    private static void ValidateBudgets(RolloutRequest request, ValidationErrors errors)
    {
        if (request.Budgets is not { } budgets) return;
        if (!ErrorBudget.TryParse(budgets.ActionFailures, "budgets.actionFailures", out _, out var actionError)) errors.Add(actionError!);
        if (!ErrorBudget.TryParse(budgets.GateFailures, "budgets.gateFailures", out _, out var gateError)) errors.Add(gateError!);
        else if (budgets.GateFailures is { ValueKind: not System.Text.Json.JsonValueKind.Null } && request.Gate is null)
            errors.Add("budgets.gateFailures", "there is no gate to fail: give gate.checks");
        if (budgets.OnExceeded is { } onExceeded && RolloutModes.BudgetActionProblem(onExceeded) is { } actionProblem)
            errors.Add("budgets.onExceeded", actionProblem);
        else if (budgets.OnExceeded == "rollback" && request.Rollback is null)
            errors.Add("rollback", "is required when budgets.onExceeded is \"rollback\": the request that undoes the action");
    }

    private static void ValidateApproval(ApprovalSpec? approval, ValidationErrors errors)
    {
        if (approval is null) return;
        if (approval.Mode is { } mode && !RolloutModes.ApprovalModes.ContainsKey(mode))
            errors.Add("approval.mode", $"{Echo.Quote(mode)} is not one of: {string.Join(", ", RolloutModes.ApprovalModes.Keys)}");
        Range(approval.TimeoutSeconds, 1, MaxApprovalTimeoutSeconds, "approval.timeoutSeconds", errors);
        if (approval.TimeoutSeconds is not null && approval.Mode is null or "none")
            errors.Add("approval.timeoutSeconds", "not used when approval.mode is \"none\"");
    }

    /// <summary>Names only: whether each is a stored notifier is checked where storage is (the request parser).</summary>
    private static void ValidateNotifiers(List<string>? notifiers, ValidationErrors errors)
    {
        if (notifiers is null) return;
        if (notifiers.Count > Monitors.MonitorLimits.MaxNotifiers) { errors.Add("notifiers", $"{notifiers.Count} notifiers is more than {Monitors.MonitorLimits.MaxNotifiers}"); return; }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < notifiers.Count; i++)
        {
            var field = $"notifiers[{i}]";
            if (string.IsNullOrEmpty(notifiers[i])) errors.Add(field, "must be the name of a notifier stored with PUT /api/notifiers/{name}");
            else if (RequestIds.Check(notifiers[i]) is { } problem) errors.Add(field, $"{Echo.Quote(notifiers[i])} {problem}");
            else if (!seen.TryAdd(notifiers[i], i)) errors.Add(field, $"{Echo.Quote(notifiers[i])} is also notifiers[{seen[notifiers[i]]}]");
        }
    }

    internal static void Range(int? value, int min, int max, string field, ValidationErrors errors)
    {
        if (value is { } v && (v < min || v > max)) errors.Add(field, $"{v} is out of range {min}-{max}");
    }
}
