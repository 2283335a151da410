using System.Text.RegularExpressions;
using FleetOps.Core.Summaries;
using FleetOps.Probing.Reports;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Api;

/// <summary>
/// Response headers for the browser: <c>X-Content-Type-Options: nosniff</c> on every response, and on every HTML
/// response a <c>Content-Security-Policy</c> header (a &lt;meta&gt; policy cannot say <c>frame-ancestors</c>).
/// </summary>
public static partial class SecurityHeaders
{
    public const string NoSniff = "nosniff";

    /// <summary>Beyond the page's own policy: no framing, no base URL, no form posts.</summary>
    private const string Additions = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The report page's own policy (its inline style and script by hash), read once from the page the renderer
    /// writes, so the header and the &lt;meta&gt; never disagree; plus <see cref="Additions"/>.
    /// </summary>
    public static string ContentSecurityPolicy => Policy.Value;

    private static readonly Lazy<string> Policy = new(() =>
    {
        var page = new StringWriter();
        var header = new ReportHeader("csp", "csp", "Completed", DateTimeOffset.UnixEpoch, null, new SweepSummary());
        HtmlReport.WriteAsync(page, header, EmptyAsync()).GetAwaiter().GetResult();
        var meta = MetaPolicy().Match(page.ToString());
        // Should the page ever stop carrying one, the header still forbids everything rather than allow more.
        return (meta.Success ? meta.Groups[1].Value.TrimEnd(';', ' ') : "default-src 'none'") + "; " + Additions;
    });

    public static void Apply(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = NoSniff;
        // A page that states its own policy (the dashboard) keeps it; any other HTML gets the report's.
        if (response.ContentType is { } type && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
            && !response.Headers.ContainsKey("Content-Security-Policy"))
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"")]
    private static partial Regex MetaPolicy();

#pragma warning disable CS1998 // an empty sequence of batches
    private static async IAsyncEnumerable<IReadOnlyList<Core.Results.TargetResult>> EmptyAsync()
    {
        yield break;
    }
#pragma warning restore CS1998
}
