using System.Text;

namespace FleetOps.Api;

/// <summary>
/// One row of the route table: the name (also the Functions function's name), the verb, the template under
/// <c>/api</c>, the query parameters it takes and the handler both hosts call.
/// </summary>
public sealed record ApiRoute(string Name, string Method, string Template, IReadOnlyList<string> Query, Func<ApiCall, Task<ApiResponse>> Handle)
{
    /// <summary>
    /// Served without the API key or function key: only for routes whose path carries its own credential (a
    /// heartbeat's token). The self-host's key check and the Functions triggers' auth level both follow this flag.
    /// </summary>
    public bool Anonymous { get; init; }

    /// <summary>The template's parameters in order: "runs/{id}/report" → ["id"].</summary>
    public IReadOnlyList<string> Parameters { get; } = Template.Split('/').Where(IsParameter).Select(s => s[1..^1]).ToList();

    /// <summary>"/api/runs/{id}/report" with every value escaped as one path segment, then the query, escaped too.</summary>
    public string Path(params string[] values) => Path(values, query: null);

    public string Path(IReadOnlyList<string> values, IEnumerable<KeyValuePair<string, string?>>? query)
    {
        if (values.Count != Parameters.Count)
            throw new ArgumentException($"{Name} takes {Parameters.Count} value(s) ({string.Join(", ", Parameters)}), not {values.Count}", nameof(values));
        var sb = new StringBuilder("/").Append(Routes.Prefix);
        var next = 0;
        foreach (var segment in Template.Split('/'))
            sb.Append('/').Append(IsParameter(segment) ? Segment(Parameters[next], values[next++]) : segment);
        var separator = '?';
        foreach (var (key, value) in query ?? [])
        {
            if (value is null) continue;
            sb.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        return sb.ToString();
    }

    /// <summary>
    /// A value as one path segment: every reserved character escaped ('/', '?', '#', '%', spaces...). Empty, "." and
    /// ".." are refused: clients and servers collapse them, so the request would reach another route.
    /// </summary>
    private static string Segment(string parameter, string value)
    {
        if (value.Length == 0 || value is "." or "..")
            throw new ArgumentException($"{parameter}: '{value}' cannot be sent as a path segment", nameof(value));
        return Uri.EscapeDataString(value);
    }

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    public override string ToString() => $"{Method} /{Routes.Prefix}/{Template}";
}
