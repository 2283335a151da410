using System.Net;
using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Contracts;

/// <summary>Checks a parsed request field by field. Every problem is reported, each with the path of its field.</summary>
public static class SweepRequestValidator
{
    public const int MaxTargets = 100_000;
    public const int MaxBatchSize = 5_000;
    public const int MaxConditions = 32, MaxConditionLength = 1024;

    private static readonly string KindNames = string.Join(", ", Enum.GetNames<CheckKind>().Select(n => n.ToLowerInvariant()));

    /// <summary>Each kind-specific field and the kinds that use it; any other kind must leave it out.</summary>
    private static readonly (string Field, Func<CheckSpec, object?> Value, CheckKind[] Kinds)[] KindFields =
    [
        ("port", c => c.Port, [CheckKind.Tcp, CheckKind.Http, CheckKind.Tls]),
        ("scheme", c => c.Scheme, [CheckKind.Http]),
        ("path", c => c.Path, [CheckKind.Http]),
        ("url", c => c.Url, [CheckKind.Http]),
        ("method", c => c.Method, [CheckKind.Http]),
        ("headers", c => c.Headers, [CheckKind.Http]),
        ("body", c => c.Body, [CheckKind.Http]),
        ("expectStatus", c => c.ExpectStatus, [CheckKind.Http]),
        ("followRedirects", c => c.FollowRedirects, [CheckKind.Http]),
        ("insecure", c => c.Insecure, [CheckKind.Http, CheckKind.Tls]),
        ("serverName", c => c.ServerName, [CheckKind.Http, CheckKind.Tls]),
        ("send", c => c.Send, [CheckKind.Tcp]),
        ("expect", c => c.Expect, [CheckKind.Tcp]),
        ("name", c => c.Name, [CheckKind.Dns]),
        ("recordType", c => c.RecordType, [CheckKind.Dns]),
        ("resolver", c => c.Resolver, [CheckKind.Dns]),
    ];

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
            Range(o.ChunkBatches, 1, 1000, "options.chunkBatches", Fail);
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
        var host = "";
        if (!AddressParser.TrySplit(target.Address, out host, out port, out var addressError)) fail($"{path}.address", addressError!);

        var checks = target.Checks ?? topChecks;
        var checksPath = target.Checks is null ? "checks" : $"{path}.checks";
        if (checks is not { Count: > 0 }) { fail(checksPath, $"no checks for target {path}: give checks at the top level or on the target"); return; }
        for (var c = 0; c < checks.Count; c++)
        {
            if (target.Checks is not null) ValidateCheck(checks[c], $"{checksPath}[{c}]", fail);
            if (addressError is not null) continue;
            if (checks[c] is { Kind: CheckKind.Tcp, Port: null } && port is null)
                fail($"{path}.address", $"'{target.Address}' has no port and {checksPath}[{c}] (tcp) names none");
            if (checks[c] is { Kind: CheckKind.Dns, Name: null } && IPAddress.TryParse(host, out _))
                fail($"{path}.address", $"'{target.Address}' is an IP address, not a name to look up: give {checksPath}[{c}] (dns) a name");
        }
    }

    private static void ValidateCheck(CheckSpec? check, string path, Action<string, string> fail)
    {
        if (check is null) { fail(path, "must be an object"); return; }
        if (!Enum.IsDefined(check.Kind)) { fail($"{path}.kind", $"must be one of: {KindNames}"); return; }
        var kind = Name(check.Kind);
        foreach (var (field, value, kinds) in KindFields)
            if (value(check) is not null && !kinds.Contains(check.Kind))
                fail($"{path}.{field}", $"not used by {kind} checks ({string.Join(", ", kinds.Select(Name))} checks take it)");

        Range(check.Port, 1, 65535, $"{path}.port", fail);
        Range(check.TimeoutMs, 1, ProbeOptions.MaxTimeoutMs, $"{path}.timeoutMs", fail);
        switch (check.Kind)
        {
            case CheckKind.Http: ValidateHttp(check, path, fail); break;
            case CheckKind.Tcp: ValidateTcp(check, path, fail); break;
            case CheckKind.Dns: ValidateDns(check, path, fail); break;
        }
        if (check.Kind is CheckKind.Http or CheckKind.Tls && check.ServerName is { } serverName && ServerNameProblem(serverName) is { } sn)
            fail($"{path}.serverName", sn);
        ValidateConditions(check.Conditions, path, fail);
    }

    private static void ValidateHttp(CheckSpec check, string path, Action<string, string> fail)
    {
        if (check.Scheme is { } scheme && scheme is not ("http" or "https")) fail($"{path}.scheme", $"'{scheme}' is not http or https");
        if (check.Path is { } p && !p.StartsWith('/')) fail($"{path}.path", $"'{p}' must start with '/'");
        if (check.Url is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            fail($"{path}.url", $"'{url}' is not an absolute http or https URL");
        if (check.ExpectStatus is { } statuses)
            for (var s = 0; s < statuses.Count; s++) Range(statuses[s], 100, 599, $"{path}.expectStatus[{s}]", fail);
        if (check.Method is { } method && !(method.Length <= HttpTokens.MaxMethodLength && HttpTokens.IsToken(method)))
            fail($"{path}.method", $"'{method}' is not an HTTP method: letters such as GET, POST, HEAD (a token of at most {HttpTokens.MaxMethodLength} characters)");
        if (check.Body is { Length: > HttpTokens.MaxBodyLength } body)
            fail($"{path}.body", $"is {body.Length} characters, more than {HttpTokens.MaxBodyLength}");
        if (check.Headers is not { } headers) return;
        if (headers.Count > HttpTokens.MaxHeaders) fail($"{path}.headers", $"{headers.Count} headers is more than {HttpTokens.MaxHeaders}");
        foreach (var (name, value) in headers)
        {
            if (!(name.Length <= HttpTokens.MaxNameLength && HttpTokens.IsToken(name)))
                fail($"{path}.headers", $"'{name}' is not a header name (letters, digits and !#$%&'*+-.^_`|~)");
            else if (HttpTokens.Reserved.Contains(name))
                fail($"{path}.headers.{name}", "is set by the prober from the body and the connection: leave it out");
            else if (value is null)
                fail($"{path}.headers.{name}", "must be a string");
            else if (HttpTokens.CheckValue(value) is { } problem)
                fail($"{path}.headers.{name}", problem);
        }
    }

    private static void ValidateTcp(CheckSpec check, string path, Action<string, string> fail)
    {
        if (check.Send is { } send)
        {
            if (send.Length > SendText.MaxLength) fail($"{path}.send", $"is {send.Length} characters, more than {SendText.MaxLength}");
            else if (!SendText.TryDecode(send, out _, out var sendError)) fail($"{path}.send", sendError!);
        }
        if (check.Expect is { } expect)
        {
            if (expect.Length == 0) fail($"{path}.expect", "is empty: leave it out to only connect");
            else if (expect.Length > ExpectMatcher.MaxLength) fail($"{path}.expect", $"is {expect.Length} characters, more than {ExpectMatcher.MaxLength}");
            else if (!ExpectMatcher.TryCreate(expect, out _, out var expectError)) fail($"{path}.expect", expectError!);
        }
    }

    private static void ValidateDns(CheckSpec check, string path, Action<string, string> fail)
    {
        if (check.Name is { } name && HostNames.Check(name, allowUnderscore: true) is { } nameProblem) fail($"{path}.name", nameProblem);
        if (check.RecordType is { } type && !DnsRecordTypes.IsSupported(type))
            fail($"{path}.recordType", $"'{type}' is not one of {string.Join(", ", DnsRecordTypes.Supported)}");
        if (check.Resolver is { } resolver && !ResolverAddress.TryParse(resolver, out _, out var resolverError))
            fail($"{path}.resolver", resolverError!);
    }

    private static string? ServerNameProblem(string serverName) =>
        IPAddress.TryParse(serverName, out _)
            ? $"'{serverName}' is an IP address: serverName is the host name the certificate is for"
            : HostNames.Check(serverName, allowUnderscore: false);

    private static void ValidateConditions(List<string>? conditions, string path, Action<string, string> fail)
    {
        if (conditions is null) return;
        if (conditions.Count > MaxConditions) { fail($"{path}.conditions", $"{conditions.Count} conditions is more than {MaxConditions}"); return; }
        var reported = new bool[conditions.Count];
        for (var j = 0; j < conditions.Count; j++)
        {
            if (string.IsNullOrWhiteSpace(conditions[j])) fail($"{path}.conditions[{j}]", "is empty");
            else if (conditions[j].Length > MaxConditionLength) fail($"{path}.conditions[{j}]", $"is {conditions[j].Length} characters, more than {MaxConditionLength}");
            else continue;
            reported[j] = true;
        }
        var problems = ConditionLanguage.FindProblems(conditions, j => reported[j]);
        foreach (var (j, message) in problems) fail($"{path}.conditions[{j}]", message);
    }

    private static string Name(CheckKind kind) => kind.ToString().ToLowerInvariant();

    private static void Range(int? value, int min, int max, string field, Action<string, string> fail)
    {
        if (value is { } v && (v < min || v > max)) fail(field, $"{v} is out of range {min}-{max}");
    }
}
