using System.Globalization;
using FleetOps.Core.Contracts;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Api;

/// <summary>
/// A route's query string, read strictly, as request bodies are: only the parameters the route declares (plus the
/// Functions key <c>code</c>), each at most once and not empty; enum values are one of the names, exactly; numbers are
/// plain digits. Every problem becomes an error naming the parameter.
/// </summary>
public sealed class QueryReader
{
    /// <summary>The Functions key parameter, accepted (and ignored by the handlers) on every route.</summary>
    public const string KeyParameter = "code";

    private readonly IQueryCollection _query;

    private QueryReader(IQueryCollection query) => _query = query;

    public List<ValidationError> Errors { get; } = [];

    /// <summary>Checks what every route checks (unknown, repeated and empty parameters) and reads the rest on demand.</summary>
    public static QueryReader For(HttpRequest request, ApiRoute route)
    {
        var reader = new QueryReader(request.Query);
        foreach (var (name, values) in request.Query)
        {
            var known = name == KeyParameter || route.Query.Contains(name, StringComparer.Ordinal);
            if (!known)
                reader.Errors.Add(new ValidationError(Echo.Key(name), route.Query.Count == 0
                    ? $"unknown query parameter: {route} takes none"
                    : $"unknown query parameter: {route} takes {string.Join(", ", route.Query)}"));
            else if (values.Count > 1)
                reader.Errors.Add(new ValidationError(Echo.Key(name), "is given more than once"));
        }
        return reader;
    }

    /// <summary>The value as sent (trimmed when <paramref name="trim"/>), or null when absent; empty is an error unless allowed.</summary>
    public string? Text(string name, bool trim = false, bool allowEmpty = false)
    {
        if (!_query.TryGetValue(name, out var values) || values.Count != 1) return null;
        var value = values[0] ?? "";
        if (trim) value = value.Trim();
        if (value.Length == 0 && !allowEmpty)
        {
            Errors.Add(new ValidationError(name, "is empty"));
            return null;
        }
        return value;
    }

    /// <summary>One of <paramref name="names"/>, compared exactly (no numbers, no other case, no spaces).</summary>
    public string? OneOf(string name, IReadOnlyCollection<string> names)
    {
        var value = Text(name);
        if (value is null || names.Contains(value, StringComparer.Ordinal)) return value;
        Errors.Add(new ValidationError(name, $"{Echo.Quote(value)} is not one of {string.Join(", ", names)}"));
        return null;
    }

    /// <summary>A comma-separated list, each item one of <paramref name="names"/>, exactly.</summary>
    public IReadOnlyList<string> ListOf(string name, IReadOnlyCollection<string> names)
    {
        var value = Text(name);
        if (value is null) return [];
        var items = value.Split(',');
        var bad = items.Where(i => !names.Contains(i, StringComparer.Ordinal)).ToList();
        if (bad.Count == 0) return items;
        Errors.Add(new ValidationError(name, $"{Echo.Quote(bad[0])} is not one of {string.Join(", ", names)}"));
        return [];
    }

    /// <summary>A number of plain digits from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int? Int(string name, int min, int max)
    {
        var value = Text(name);
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        Errors.Add(new ValidationError(name, $"{Echo.Quote(value)} is not a number from {min} to {max}"));
        return null;
    }

    /// <summary>The error of a continuation parameter holding something no page of this API gave out.</summary>
    public static ValidationError NotOurs(string name) =>
        new(name, $"is not a continuation this API gave out; pass the `{name}` of the previous page as it is");

    public ApiResponse? Problem(string? instance) => Errors.Count > 0 ? Problems.Validation(Errors, instance) : null;
}
