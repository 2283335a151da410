using System.Text.Json;
using FleetOps.Core;
using FleetOps.Core.Checks;

namespace FleetOps.Core.Contracts;

/// <summary>Turns request bytes into a validated request, or a <see cref="RequestValidationException"/> naming the field.</summary>
public static class RequestReader
{
    /// <summary>16 MiB: room for ~100k inline targets; larger fleets belong in an uploaded inventory.</summary>
    public const long MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Parses and validates a request whose targets are inline.</summary>
    public static SweepRequest ParseSweep(ReadOnlySpan<byte> json, SweepLimits? limits = null)
    {
        var request = DeserializeSweep(json);
        var errors = SweepRequestValidator.Validate(request, limits);
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return request;
    }

    /// <summary>JSON to a request, with syntax and type errors named by field; no validation of values.</summary>
    public static SweepRequest DeserializeSweep(ReadOnlySpan<byte> json) => Deserialize<SweepRequest>(json);

    /// <summary>
    /// What every JSON request must be before it is read as a contract: well-formed, text (<see cref="JsonText"/>), and
    /// no key twice in an object (<see cref="DuplicateKeys"/>). Each problem is a <see cref="RequestValidationException"/>.
    /// </summary>
    public static void CheckSyntax(ReadOnlySpan<byte> json)
    {
        EnsureWellFormed(json);
        if (JsonText.Problem(json) is { } notText) throw new RequestValidationException([new ValidationError("body", notText)]);
        DuplicateKeys.Check(json);
    }

    public static T Deserialize<T>(ReadOnlySpan<byte> json) where T : class
    {
        CheckSyntax(json);
        T? request;
        try
        {
            request = JsonSerializer.Deserialize<T>(json, FleetOpsJson.Strict);
        }
        catch (JsonException e)
        {
            throw new RequestValidationException([ErrorOf(e)]);
        }
        return request ?? throw new RequestValidationException([new ValidationError("body", "must be a JSON object, not null")]);
    }

    /// <summary>Broken JSON is the body's fault, not a field's: report it as "body" with the position.</summary>
    private static void EnsureWellFormed(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
            }
            if (reader.BytesConsumed == 0) throw new RequestValidationException([new ValidationError("body", "is empty: expected a JSON object")]);
        }
        catch (JsonException e)
        {
            throw new RequestValidationException([new ValidationError("body", $"is not valid JSON: {Describe(e)}")]);
        }
    }

    /// <summary>A deserialization error as the field it is about and what is wrong, under <paramref name="parent"/> when the JSON was a part of the request.</summary>
    public static ValidationError ErrorOf(JsonException e, string? parent = null)
    {
        var field = FieldOf(e);
        return new ValidationError(parent is null ? field : field == "body" ? parent : $"{parent}.{field}", Describe(e));
    }

    /// <summary>
    /// "$.targets[0].port" → "targets[0].port"; no path → "body". A check without a known kind is named by its kind
    /// ("checks[0]" → "checks[0].kind"). Cut like any echoed value: a path holds the request's own property names.
    /// </summary>
    private static string FieldOf(JsonException e)
    {
        var path = CheckJson.PathOf(e);
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        return Echo.Cut(EmptyKeys(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$')));
    }

    /// <summary>
    /// An empty key leaves nothing between the dots of System.Text.Json's path ("$." for <c>{"": 1}</c>, "a..b"):
    /// shown as <c>''</c>, as <see cref="Echo.Key"/> shows it, so a field is never empty and always says where.
    /// </summary>
    private static string EmptyKeys(string path)
    {
        if (path.Length == 0) return "''";
        var sb = new System.Text.StringBuilder(path.Length + 4);
        for (var i = 0; i < path.Length; i++)
        {
            sb.Append(path[i]);
            // a dot followed by another dot, a '[' or the end names an empty key
            if (path[i] == '.' && (i + 1 == path.Length || path[i + 1] is '.' or '[')) sb.Append("''");
        }
        if (path[0] == '.') sb.Insert(0, "''");
        return sb.ToString();
    }

    private static string Describe(JsonException e)
    {
        // System.Text.Json's messages name .NET types; keep the useful part and add the position.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        message = CutQuoted(message);
        if (message.Contains("metadata properties must be JSON strings", StringComparison.Ordinal))
            message = $"must be a string, one of {CheckKinds.Names}";
        else if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            message = "unknown field";
        return e.LineNumber is { } line ? $"{message} (line {line + 1}, byte {e.BytePositionInLine + 1})" : message;
    }

    /// <summary>
    /// System.Text.Json quotes the request's own text in its messages ("'f/* c */alse,false,…' is an invalid JSON
    /// literal"), at any length: each quoted part is cut as <see cref="Echo"/> cuts, and the whole message to
    /// <see cref="MaxMessageChars"/>, however many quotes the text holds.
    /// </summary>
    private static string CutQuoted(string message)
    {
        var sb = new System.Text.StringBuilder(Math.Min(message.Length, MaxMessageChars));
        var pos = 0;
        while (pos < message.Length)
        {
            var open = message.IndexOf('\'', pos);
            var close = open < 0 ? -1 : message.IndexOf('\'', open + 1);
            if (close < 0)
            {
                sb.Append(message, pos, message.Length - pos);
                break;
            }
            sb.Append(message, pos, open - pos).Append(Echo.Quote(message[(open + 1)..close]));
            pos = close + 1;
        }
        return sb.Length <= MaxMessageChars ? sb.ToString() : Echo.Cut(sb.ToString(), MaxMessageChars);
    }

    /// <summary>The longest message a syntax or type error of a request gives (before its position).</summary>
    public const int MaxMessageChars = 240;
}
