using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Api;
using FleetOps.Core.Contracts;

namespace FleetOps.Testing.Fuzz;

/// <summary>
/// What the edge promises whatever it is sent (README, "Bad input"): a 2xx, or a 4xx problem+json whose body names what
/// is wrong (<c>errors[].field</c> on every 400, 413 and 415) and is at most 64 KiB; never a 5xx, never an empty body. In process: a refusal is a validation error whose
/// field and message fit the problem caps as they are (so a validator never echoes a value at length).
/// </summary>
public static class EdgeRules
{
    public const int MaxProblemBytes = ProblemCaps.MaxBodyBytes;

    /// <summary>
    /// A message may hold a value cut by Echo (64 characters) and a list of what is allowed; beyond twice the edge's cut it
    /// can only be an echo at length. (The edge cuts messages at 300 characters, as documented.)
    /// </summary>
    public const int MaxMessageChars = 2 * ProblemCaps.MaxMessageChars;

    /// <summary>Answers other than problems: ids, summaries and the reports of the small runs a fuzz run makes.</summary>
    public const int MaxSuccessBytes = 1 << 20;

    public static void CheckResponse(int status, string? mediaType, byte[] body)
    {
        var text = body.Length <= 600 ? Encoding.UTF8.GetString(body) : Encoding.UTF8.GetString(body, 0, 600) + "…";
        if (status is not ((>= 200 and <= 299) or (>= 400 and <= 499))) throw new EdgeRuleException($"status {status} (only 2xx or 4xx): {text}");
        if (body.Length == 0) throw new EdgeRuleException($"status {status} with an empty body");
        if (status >= 400)
        {
            if (mediaType != Problems.ContentType) throw new EdgeRuleException($"status {status} as '{mediaType}', not {Problems.ContentType}: {text}");
            if (body.Length > MaxProblemBytes) throw new EdgeRuleException($"a problem of {body.Length} bytes, over {MaxProblemBytes}");
            CheckProblem(status, body, text);
        }
        else if (body.Length > MaxSuccessBytes) throw new EdgeRuleException($"status {status} with {body.Length} bytes, over {MaxSuccessBytes}");
    }

    private static void CheckProblem(int status, byte[] body, string text)
    {
        JsonNode? problem;
        try
        {
            problem = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw new EdgeRuleException($"the problem is not JSON ({e.Message}): {text}");
        }
        if (problem is not JsonObject p) throw new EdgeRuleException($"the problem is not a JSON object: {text}");
        if (p["status"]?.GetValue<int>() != status) throw new EdgeRuleException($"the problem's status is not {status}: {text}");
        foreach (var name in new[] { "type", "title", "detail" })
            if (p[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>().Length == 0)
                throw new EdgeRuleException($"the problem has no {name}: {text}");
        // A field is at fault in these (a value, the body, the Content-Type): the problem must say which.
        if (p["errors"] is null && status is 400 or 413 or 415) throw new EdgeRuleException($"a {status} problem without errors[].field: {text}");
        if (p["errors"] is { } errors)
        {
            if (errors is not JsonArray list || list.Count == 0) throw new EdgeRuleException($"the problem's errors are not a list: {text}");
            foreach (var e in list)
                if (e?["field"]?.GetValue<string>() is not { Length: > 0 } || e["message"]?.GetValue<string>() is not { Length: > 0 })
                    throw new EdgeRuleException($"an error without field or message: {text}");
        }
    }

    /// <summary>A refusal as a validator wrote it: errors, each with a field that fits the problem caps uncut and a bounded message.</summary>
    public static void CheckErrors(IReadOnlyList<ValidationError> errors)
    {
        if (errors.Count == 0) throw new EdgeRuleException("refused without an error");
        if (errors.Count > ValidationErrors.MaxListed + 1) throw new EdgeRuleException($"{errors.Count} errors listed, more than {ValidationErrors.MaxListed + 1}");
        foreach (var e in errors) CheckError(e.Field, e.Message);
        var body = JsonSerializer.SerializeToUtf8Bytes(Problems.Validation(errors, "/api/x").Value, FleetOps.Core.FleetOpsJson.Options);
        if (body.Length > MaxProblemBytes) throw new EdgeRuleException($"a problem of {body.Length} bytes, over {MaxProblemBytes}");
    }

    public static void CheckError(string field, string message)
    {
        if (string.IsNullOrEmpty(field) || string.IsNullOrEmpty(message)) throw new EdgeRuleException($"an error without field or message: '{field}': '{message}'");
        if (field.Length > ProblemCaps.MaxFieldChars) throw new EdgeRuleException($"a field of {field.Length} characters (over {ProblemCaps.MaxFieldChars}): {Cut(field)}");
        if (message.Length > MaxMessageChars) throw new EdgeRuleException($"a message of {message.Length} characters (over {MaxMessageChars}) at {Cut(field)}: {Cut(message)}");
    }

    private static string Cut(string text) => text.Length <= 160 ? text : $"{text[..160]}…";
}

public sealed class EdgeRuleException(string message) : Exception(message);
