using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace FleetOps.Api.Dashboard;

/// <summary>
/// The live dashboard: one HTML page built once from the embedded assets (index.html, the stylesheet and one script
/// per page), each style and script inlined and allowed by its SHA-256 hash. So the page is one request behind the
/// key (a browser cannot send the key header for a script or stylesheet it loads), loads nothing from anywhere else,
/// and its policy is stricter than <c>'self'</c>: only these exact scripts run. The scripts call the JSON API.
/// </summary>
public static class DashboardPage
{
    /// <summary>Scripts in the order they run: the helpers first, the router last.</summary>
    public static readonly IReadOnlyList<string> Scripts =
        ["api.js", "ui.js", "uptimebar.js", "runs.js", "run.js", "rollout.js", "monitors.js", "monitor.js", "inventories.js", "app.js"];

    public const string Stylesheet = "dashboard.css";

    private static readonly Lazy<(byte[] Html, string Policy)> Built = new(Build);

    /// <summary>The page as served (UTF-8).</summary>
    public static string Html => Encoding.UTF8.GetString(Built.Value.Html);

    /// <summary>
    /// Its Content-Security-Policy: nothing by default; the inline style and scripts by hash; fetches to this origin
    /// only; no framing, no base URL, no form posts; DOM sinks that parse HTML refused (the scripts build nodes).
    /// </summary>
    public static string ContentSecurityPolicy => Built.Value.Policy;

    /// <summary>GET /api/dashboard (both hosts) and / (self-host).</summary>
    public static ApiResponse Response() =>
        ApiResponse.Stream(200, "text/html; charset=utf-8", (stream, ct) => stream.WriteAsync(Built.Value.Html, ct).AsTask())
            .WithHeader("Content-Security-Policy", Built.Value.Policy)
            .WithHeader("Cache-Control", "no-store")
            .WithHeader("Referrer-Policy", "no-referrer");

    /// <summary>An embedded asset's text, by file name.</summary>
    public static string Asset(string name)
    {
        var assembly = typeof(DashboardPage).Assembly;
        using var stream = assembly.GetManifestResourceStream($"FleetOps.Dashboard.{name}")
            ?? throw new InvalidOperationException($"dashboard asset {name} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static (byte[], string) Build()
    {
        var css = Asset(Stylesheet);
        var scripts = Scripts.Select(Asset).ToList();
        var html = Asset("index.html")
            .Replace("<!--style-->", $"<style>{css}</style>", StringComparison.Ordinal)
            .Replace("<!--scripts-->", string.Concat(scripts.Select(s => $"<script>{s}</script>\n")), StringComparison.Ordinal);
        var policy = string.Join("; ",
            "default-src 'none'",
            "script-src " + string.Join(' ', scripts.Select(Hash)),
            "style-src " + Hash(css),
            "connect-src 'self'",
            "img-src 'self' data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types 'none'");
        return (Encoding.UTF8.GetBytes(html), policy);
    }

    private static string Hash(string inline) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)))}'";
}
