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

    public static T Deserialize<T>(ReadOnlySpan<byte> json) where T : class
    {
        EnsureWellFormed(json);
        DuplicateKeys.Check(json);
        T? request;
        try
        {
            request = JsonSerializer.Deserialize<T>(json, FleetOpsJson.Strict);
        }
        catch (JsonException e)
        {
            throw new RequestValidationException([new ValidationError(FieldOf(e), Describe(e))]);
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

    /// <summary>
    /// "$.targets[0].port" → "targets[0].port"; no path → "body". A check without a known kind is named by its kind
    /// ("checks[0]" → "checks[0].kind"). Cut like any echoed value: a path holds the request's own property names.
    /// </summary>
    private static string FieldOf(JsonException e)
    {
        var path = CheckJson.PathOf(e);
        return Echo.Cut(string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$'));
    }

    private static string Describe(JsonException e)
    {
        // System.Text.Json's messages name .NET types; keep the useful part and add the position.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        if (message.Contains("metadata properties must be JSON strings", StringComparison.Ordinal))
            message = $"must be a string, one of {CheckKinds.Names}";
        else if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            message = "unknown field";
        return e.LineNumber is { } line ? $"{message} (line {line + 1}, byte {e.BytePositionInLine + 1})" : message;
    }
}
