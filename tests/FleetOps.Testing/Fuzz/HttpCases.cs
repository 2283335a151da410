using System.Text;
using FleetOps.Api;

namespace FleetOps.Testing.Fuzz;

/// <summary>One HTTP request of a fuzz run: the route it aims at, the raw path and query, the Content-Type and the body.</summary>
public sealed record HttpCase(ApiRoute Route, string PathAndQuery, string? ContentType, FuzzBody? Body)
{
    public override string ToString() =>
        $"{Route.Method} {PathAndQuery}\nContent-Type: {ContentType ?? "(none)"}\n{(Body is null ? "(no body)" : Body.ToString())}";
}

/// <summary>The runs and inventory a fuzz run aims its path values at, so mutants reach past the 404.</summary>
public sealed record FuzzTargets(string RolloutId, string SweepId, string Inventory);

/// <summary>
/// Random requests to every route that takes a body or a query: sweeps, rollouts, inventories in each format, the
/// control bodies, and the query strings of GET runs, report and inventories. Content types, path values and queries
/// are mutated as well as bodies. Query strings stay under Kestrel's 8 KiB request line (beyond it Kestrel itself
/// answers 414 before any of our code runs).
/// </summary>
public static class HttpCases
{
    private const int MaxQueryChars = 6_000;

    public static readonly string[] JsonContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=UTF8", "application/problem+json",
        "application/vnd.fleetops+json", "APPLICATION/JSON",
    ];

    public static readonly string[] OddContentTypes =
    [
        "application/json; charset=utf-16", "application/json; charset=\"utf-8\"", "application/json; charset=", "application/json;;;",
        "application/json; a=\"unterminated", "text/plain", "text/json", "text/yaml", "application/xml", "application/xml; profile=json",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*", "application/*", "", " ", "garbage", "json",
        "application/", "/json", "application/jsonp", "application/octet-stream", "application/yaml", "application/x-yaml",
        "application/json, text/plain", "application/json; charset=latin1", "text/plain; charset=utf-8",
    ];

    private static readonly string[] InventoryContentTypes = ["text/plain", "application/yaml", "application/x-yaml", "application/octet-stream", "application/json", "text/csv"];

    public static HttpCase Next(FuzzRandom r, FuzzTargets targets, FuzzLimits limits)
    {
        var route = r.Weighted(
            (20, Routes.StartSweep), (20, Routes.StartRollout), (15, Routes.PutInventory),
            (5, Routes.ApproveRun), (4, Routes.RejectRun), (4, Routes.PauseRun), (4, Routes.ResumeRun), (6, Routes.RetuneRun),
            (8, Routes.ListRuns), (7, Routes.GetRunReport), (7, Routes.GetInventory));
        FuzzBody? body = null;
        List<KeyValuePair<string, string>> query = [];
        string? contentType = null;
        if (route == Routes.StartSweep) body = BodyFuzz.Json(r, RequestCorpus.Sweeps, limits, "sweep");
        else if (route == Routes.StartRollout) body = BodyFuzz.Json(r, RequestCorpus.Rollouts, limits, "rollout");
        else if (route == Routes.RetuneRun) body = BodyFuzz.Json(r, RequestCorpus.RetuneBodies, limits, "retune");
        else if (route.Method == "POST") body = r.Chance(0.15) ? null : BodyFuzz.Json(r, RequestCorpus.ControlBodies, limits, "control");
        else if (route == Routes.PutInventory)
        {
            var (inventory, format) = BodyFuzz.Inventory(r, limits);
            body = inventory;
            if (format is not null) query.Add(new(InventoriesApi.FormatQuery, format));
            contentType = r.Chance(0.8) ? r.Pick(InventoryContentTypes) : r.Pick(OddContentTypes);
        }
        else if (route == Routes.ListRuns) query = RunsQuery(r, limits);
        else if (route == Routes.GetRunReport) query = ReportQuery(r, targets, limits);
        else if (route == Routes.GetInventory) query.Add(new(InventoriesApi.SelectorQuery, BodyFuzz.Selector(r, limits)));
        if (body is not null && contentType is null)
            contentType = r.Weighted<string?>((14, r.Pick(JsonContentTypes)), (3, r.Pick(OddContentTypes)), (1, null));

        if (r.Chance(0.3)) query = MutateQuery(r, query, route, limits);
        return new HttpCase(route, Path(r, route, targets, limits) + QueryString(query), contentType, body);
    }

    private static List<KeyValuePair<string, string>> RunsQuery(FuzzRandom r, FuzzLimits limits)
    {
        List<KeyValuePair<string, string>> query = [];
        if (r.Chance(0.6)) query.Add(new(RunsApi.StatusQuery, r.Pick(["Running", "Completed", "Running,Pending", "Failed,Terminated,Suspended", "running", "1", ",", "Running,", "Running,,Completed"])));
        if (r.Chance(0.6)) query.Add(new(RunsApi.LimitQuery, r.Pick(["1", "50", "1000", "0", "1001", "-1", "01", " 5", "1e3", "2147483648", "99999999999999999999", "５", "0x10"])));
        if (r.Chance(0.3)) query.Add(new(RunsApi.ContinuationQuery, r.Chance(0.5) ? r.Pick(["0000000000000000000", "x", "9999999999999999999-zz", "~"]) : StringMutator.Mutate(r, "0638712345678901234-abc", limits).Text));
        return query;
    }

    private static List<KeyValuePair<string, string>> ReportQuery(FuzzRandom r, FuzzTargets targets, FuzzLimits limits)
    {
        List<KeyValuePair<string, string>> query = [];
        if (r.Chance(0.7)) query.Add(new(ReportsApi.FormatQuery, r.Chance(0.7) ? r.Pick(["json", "markdown", "md", "html"]) : StringMutator.Mutate(r, "html", limits).Text));
        if (r.Chance(0.4)) query.Add(new(ReportsApi.DiffQuery, r.Pick([ReportsApi.DiffPrevious, targets.SweepId, targets.RolloutId, "no-such-run", StringMutator.Mutate(r, targets.SweepId, limits).Text])));
        return query;
    }

    /// <summary>Parameters repeated, emptied, renamed, added (the Functions key <c>code</c> too) or replaced by odd text.</summary>
    private static List<KeyValuePair<string, string>> MutateQuery(FuzzRandom r, List<KeyValuePair<string, string>> query, ApiRoute route, FuzzLimits limits)
    {
        var names = route.Query.Concat(["code", "x", "Status", "LIMIT", "", "format", "selector"]).ToList();
        var edits = r.Between(1, 3);
        for (var e = 0; e < edits; e++)
        {
            switch (r.Next(5))
            {
                case 0 when query.Count > 0:
                    query.Add(query[r.Next(query.Count)]);
                    break;
                case 1 when query.Count > 0:
                    var i = r.Next(query.Count);
                    query[i] = new(query[i].Key, "");
                    break;
                case 2:
                    query.Add(new(r.Pick(names), r.Pick(StringMutator.Pool)));
                    break;
                case 3 when query.Count > 0:
                    var j = r.Next(query.Count);
                    query[j] = new(query[j].Key, StringMutator.Mutate(r, query[j].Value, limits).Text);
                    break;
                default:
                    query.Add(new(StringMutator.Mutate(r, r.Pick(names), limits).Text, r.Pick(StringMutator.Pool)));
                    break;
            }
        }
        return query;
    }

    private static string QueryString(List<KeyValuePair<string, string>> query)
    {
        if (query.Count == 0) return "";
        var sb = new StringBuilder();
        foreach (var (key, value) in query)
        {
            var pair = $"{Escape(key)}={Escape(value)}";
            if (sb.Length + pair.Length + 1 > MaxQueryChars) break;
            sb.Append(sb.Length == 0 ? '?' : '&').Append(pair);
        }
        return sb.ToString();
    }

    /// <summary>Percent-encoded as UTF-8: what a client can send.</summary>
    private static string Escape(string text) => Uri.EscapeDataString(Sendable(text));

    /// <summary>A lone surrogate cannot be encoded as UTF-8: it goes as U+FFFD, as a client would send it.</summary>
    private static string Sendable(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = '\ufffd';
        }
        return new string(chars);
    }

    private static string Path(FuzzRandom r, ApiRoute route, FuzzTargets targets, FuzzLimits limits)
    {
        if (route.Parameters.Count == 0) return route.Path();
        var value = route == Routes.PutInventory ? $"fuzz-put-{r.Next(8)}"
            : route == Routes.GetInventory ? r.Weighted((6, targets.Inventory), (2, $"fuzz-put-{r.Next(8)}"), (1, "no-such-inventory"))
            : route == Routes.GetRunReport ? r.Weighted((6, targets.SweepId), (2, targets.RolloutId), (1, "no-such-run"))
            : r.Weighted((6, targets.RolloutId), (1, targets.SweepId), (1, "no-such-run"));
        if (r.Chance(0.08))
        {
            value = StringMutator.Mutate(r, value, limits).Text;
            if (value.Length > 1_000) value = value[..1_000];
            if (value.Trim().Length == 0 || value.Trim() is "." or "..") value = "x" + value;
        }
        return route.Path(Sendable(value)); // the route escapes it as one segment
    }
}
