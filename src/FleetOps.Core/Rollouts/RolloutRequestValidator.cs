using System.Net;
using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;
using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Rollouts;

/// <summary>Checks a parsed rollout request field by field, as <see cref="SweepRequestValidator"/> does sweeps: every problem, each with its path.</summary>
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
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new ValidationError(field, message));

        if (request.RequestId is { } id && RequestIds.Check(id) is { } idProblem) Fail("requestId", idProblem);
        ValidateNodes(request, Fail);
        if (request.Selector is { } selector)
        {
            try { Selector.Parse(selector); }
            catch (FormatException e) { Fail("selector", e.Message); }
        }

        if (request.Action is null) Fail("action", "is required: the request to send to each node");
        else ValidateAction(request.Action, "action", Fail);
        if (request.Rollback is { } rollback) ValidateAction(rollback, "rollback", Fail);

        errors.AddRange(WavePlan.Check(request.Waves, request.Canary, request.BatchSize));
        Range(request.Concurrency, 1, MaxConcurrency, "concurrency", Fail);

        if (request.Gate is { } gate) ValidateGate(gate, Fail);
        else if (request.Preflight == true) Fail("preflight", "sweeps the gate's checks first: give gate.checks");
        ValidateBudgets(request, Fail);
        ValidateApproval(request.Approval, Fail);
        return errors;
    }

    private static void ValidateNodes(RolloutRequest request, Action<string, string> fail)
    {
        if (request.Inventory is not null && request.Targets is not null) { fail("inventory", "give only one of `targets` and `inventory`"); return; }
        if (request.Inventory is { } inventory)
        {
            if (RequestIds.Check(inventory) is { } problem) fail("inventory", problem);
            return;
        }
        if (request.Targets is not { } targets) { fail("targets", "give the nodes: inline `targets` or a stored `inventory` name"); return; }
        if (targets.Count == 0) { fail("targets", "at least one target is required"); return; }
        if (targets.Count > SweepRequestValidator.MaxTargets) { fail("targets", $"{targets.Count} targets is more than the {SweepRequestValidator.MaxTargets} a rollout takes"); return; }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < targets.Count; t++)
        {
            var path = $"targets[{t}]";
            if (targets[t] is not { } target) { fail(path, "must be an object"); continue; }
            if (string.IsNullOrWhiteSpace(target.Name)) fail($"{path}.name", "is required");
            else if (!names.TryAdd(target.Name, t)) fail($"{path}.name", $"'{target.Name}' is also the name of targets[{names[target.Name]}]");
            if (target.Checks is not null) fail($"{path}.checks", "not used by rollouts: gate.checks run on every node");
            if (!AddressParser.TrySplit(target.Address, out var host, out var port, out var addressError)) { fail($"{path}.address", addressError!); continue; }
            // What a gate check needs from the node's address; known here only for inline targets.
            var checks = request.Gate?.Checks ?? [];
            for (var c = 0; c < checks.Count; c++)
            {
                if (checks[c] is { Kind: CheckKind.Tcp, Port: null } && port is null)
                    fail($"{path}.address", $"'{target.Address}' has no port and gate.checks[{c}] (tcp) names none");
                if (checks[c] is { Kind: CheckKind.Dns, Name: null } && IPAddress.TryParse(host, out _))
                    fail($"{path}.address", $"'{target.Address}' is an IP address, not a name to look up: give gate.checks[{c}] (dns) a name");
            }
        }
    }

    private static void ValidateAction(ActionSpec action, string path, Action<string, string> fail)
    {
        if (action.Method is { } method && Template(method, $"{path}.method", TemplateEncoding.Raw, fail) is { } m
            && !(m.Length <= HttpTokens.MaxMethodLength && HttpTokens.IsToken(m)))
            fail($"{path}.method", $"'{method}' is not an HTTP method: letters such as POST, PUT, GET (a token of at most {HttpTokens.MaxMethodLength} characters)");

        if (string.IsNullOrWhiteSpace(action.Url)) fail($"{path}.url", "is required, e.g. \"http://{{address}}/admin/drain\"");
        else if (Template(action.Url, $"{path}.url", TemplateEncoding.Url, fail) is { } sample
                 && !(Uri.TryCreate(sample, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            fail($"{path}.url", $"'{action.Url}' is not an absolute http or https URL (for a sample node it reads '{sample}')");

        if (action.Headers is { } headers)
        {
            if (headers.Count > HttpTokens.MaxHeaders) fail($"{path}.headers", $"{headers.Count} headers is more than {HttpTokens.MaxHeaders}");
            foreach (var (name, value) in headers)
            {
                if (!(name.Length <= HttpTokens.MaxNameLength && HttpTokens.IsToken(name)))
                    fail($"{path}.headers", $"'{name}' is not a header name (letters, digits and !#$%&'*+-.^_`|~)");
                else if (ActionReserved.Contains(name))
                    fail($"{path}.headers.{name}", "is set by FleetOps on every attempt: leave it out");
                else if (value is null)
                    fail($"{path}.headers.{name}", "must be a string");
                else if (HttpTokens.CheckValue(value) is { } problem)
                    fail($"{path}.headers.{name}", problem);
                else
                    Template(value, $"{path}.headers.{name}", TemplateEncoding.Raw, fail);
            }
        }

        if (action.Body is { } body)
        {
            if (body.Length > HttpTokens.MaxBodyLength) fail($"{path}.body", $"is {body.Length} characters, more than {HttpTokens.MaxBodyLength}");
            else Template(body, $"{path}.body", TemplateEncoding.Raw, fail);
        }
        if (action.ExpectStatus is { } statuses)
        {
            if (statuses.Count == 0) fail($"{path}.expectStatus", "is empty: leave it out to accept any 2xx");
            for (var s = 0; s < statuses.Count; s++) Range(statuses[s], 100, 599, $"{path}.expectStatus[{s}]", fail);
        }
        Range(action.TimeoutMs, 1, ActionLimits.MaxTimeoutMs, $"{path}.timeoutMs", fail);
        Range(action.Retries, 0, ActionLimits.MaxRetries, $"{path}.retries", fail);
    }

    /// <summary>The template rendered for a sample node, or null after reporting why it cannot be.</summary>
    private static string? Template(string template, string field, TemplateEncoding encoding, Action<string, string> fail)
    {
        if (ActionTemplate.Validate(template, field) is { } error) { fail(error.Field, error.Message); return null; }
        return ActionTemplate.RenderSample(template, encoding);
    }

    private static void ValidateGate(GateSpec gate, Action<string, string> fail)
    {
        if (gate.Checks is not { Count: > 0 } checks) fail("gate.checks", "at least one check is required: the health each wave must show");
        else if (checks.Count > MaxGateChecks) fail("gate.checks", $"{checks.Count} checks is more than {MaxGateChecks}");
        else ValidateChecks(checks, fail);
        Range(gate.Passes, 1, MaxGatePasses, "gate.passes", fail);
        Range(gate.IntervalSeconds, 1, MaxGateIntervalSeconds, "gate.intervalSeconds", fail);
        Range(gate.DeadlineSeconds, 1, MaxGateDeadlineSeconds, "gate.deadlineSeconds", fail);
        // N passes in a row take (N-1) intervals at least: a shorter deadline can never be met.
        if (gate is { Passes: > 1 and <= MaxGatePasses, IntervalSeconds: >= 1 and <= MaxGateIntervalSeconds, DeadlineSeconds: >= 1 and <= MaxGateDeadlineSeconds }
            && gate.DeadlineSeconds < (gate.Passes - 1) * gate.IntervalSeconds)
            fail("gate.deadlineSeconds", $"{gate.DeadlineSeconds} s is shorter than {gate.Passes} passes {gate.IntervalSeconds} s apart take ({(gate.Passes - 1) * gate.IntervalSeconds} s)");
    }

    /// <summary>
    /// Each check exactly as a sweep's top-level check is validated: the sweep validator, given the checks and one
    /// placeholder target, reports them at <c>checks[i]...</c>, which become <c>gate.checks[i]...</c>. What the
    /// placeholder target itself gets (it has a name and a port, so nothing) is dropped.
    /// </summary>
    private static void ValidateChecks(List<CheckSpec> checks, Action<string, string> fail)
    {
        var sweep = new SweepRequest { Targets = [new TargetSpec { Name = "gate", Address = "gate.invalid:1" }], Checks = checks };
        foreach (var error in SweepRequestValidator.Validate(sweep))
            if (error.Field.StartsWith("checks[", StringComparison.Ordinal)) fail("gate." + error.Field, error.Message);
    }

    private static void ValidateBudgets(RolloutRequest request, Action<string, string> fail)
    {
        if (request.Budgets is not { } budgets) return;
        if (!ErrorBudget.TryParse(budgets.ActionFailures, "budgets.actionFailures", out _, out var actionError)) fail(actionError!.Field, actionError.Message);
        if (!ErrorBudget.TryParse(budgets.GateFailures, "budgets.gateFailures", out _, out var gateError)) fail(gateError!.Field, gateError.Message);
        else if (budgets.GateFailures is { ValueKind: not System.Text.Json.JsonValueKind.Null } && request.Gate is null)
            fail("budgets.gateFailures", "there is no gate to fail: give gate.checks");
        if (budgets.OnExceeded is { } onExceeded && !RolloutModes.BudgetActions.ContainsKey(onExceeded))
            fail("budgets.onExceeded", $"'{onExceeded}' is not one of: {string.Join(", ", RolloutModes.BudgetActions.Keys)}");
        else if (budgets.OnExceeded == "rollback" && request.Rollback is null)
            fail("rollback", "is required when budgets.onExceeded is \"rollback\": the request that undoes the action");
    }

    private static void ValidateApproval(ApprovalSpec? approval, Action<string, string> fail)
    {
        if (approval is null) return;
        if (approval.Mode is { } mode && !RolloutModes.ApprovalModes.ContainsKey(mode))
            fail("approval.mode", $"'{mode}' is not one of: {string.Join(", ", RolloutModes.ApprovalModes.Keys)}");
        Range(approval.TimeoutSeconds, 1, MaxApprovalTimeoutSeconds, "approval.timeoutSeconds", fail);
        if (approval.TimeoutSeconds is not null && approval.Mode is null or "none")
            fail("approval.timeoutSeconds", "not used when approval.mode is \"none\"");
    }

    private static void Range(int? value, int min, int max, string field, Action<string, string> fail)
    {
        if (value is { } v && (v < min || v > max)) fail(field, $"{v} is out of range {min}-{max}");
    }
}
