using System.Security.Cryptography;
using System.Text;

namespace FleetOps.Probing.Reports;

/// <summary>
/// The document around the sections. Its Content-Security-Policy allows nothing but the page's own style and script (by
/// hash), so even a report that somehow carried markup could neither run it nor fetch anything.
/// </summary>
internal static class HtmlPage
{
    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src '{Hash(HtmlAssets.Css)}'; script-src '{Hash(HtmlAssets.Script)}'";

    public static void Open(StringBuilder sb, ReportHeader header)
    {
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
            .Append("<title>Sweep report — ").AppendHtml(header.Name).Append("</title>\n")
            .Append("<style>").Append(HtmlAssets.Css).Append("</style>\n</head><body>\n");
    }

    public static void Nav(StringBuilder sb, bool hasDiff)
    {
        sb.Append("<nav><a href=\"#sec-grid\">Status grid</a>");
        if (hasDiff) sb.Append("<a href=\"#sec-diff\">Changes</a>");
        sb.Append("<a href=\"#sec-latency\">Latency</a><a href=\"#sec-errors\">Errors by kind</a>")
            .Append("<a href=\"#sec-failing\">Failing targets</a><a href=\"#sec-conditions\">Condition failures</a>")
            .Append("<a href=\"#sec-slowest\">Slowest targets</a></nav>\n<main>\n");
    }

    public static void Close(StringBuilder sb, ReportHeader header) =>
        sb.Append("</main>\n<footer>FleetOps sweep report · run ").AppendHtml(header.RunId).Append("</footer>\n")
            .Append("<script>").Append(HtmlAssets.Script).Append("</script>\n</body></html>\n");

    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));
}
