using System.Text.RegularExpressions;
using FleetOps.Api.Dashboard;

namespace FleetOps.Api.Tests.Dashboard;

/// <summary>The dashboard's page as built from its embedded assets: complete, self-contained, and its policy exact.</summary>
public sealed class DashboardPageTests
{
    private static readonly string[] Embedded = typeof(DashboardPage).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("FleetOps.Dashboard.", StringComparison.Ordinal)).Select(n => n["FleetOps.Dashboard.".Length..]).ToArray();

    [Fact]
    public void Every_embedded_asset_is_in_the_page_and_every_script_listed_is_embedded()
    {
        Assert.Equal(Embedded.Order(), DashboardPage.Scripts.Append(DashboardPage.Stylesheet).Append("index.html").Order());
        var html = DashboardPage.Html;
        foreach (var script in DashboardPage.Scripts)
            Assert.Contains($"<script>{DashboardPage.Asset(script)}</script>", html);
        Assert.Contains($"<style>{DashboardPage.Asset(DashboardPage.Stylesheet)}</style>", html);
        Assert.DoesNotContain("<!--scripts-->", html);
    }

    [Fact]
    public void The_policy_allows_each_inline_script_by_hash_and_nothing_else()
    {
        var policy = DashboardPage.ContentSecurityPolicy;
        var scriptSrc = Regex.Match(policy, "script-src ([^;]*)").Groups[1].Value.Split(' ');
        Assert.Equal(DashboardPage.Scripts.Count, scriptSrc.Length);
        Assert.All(scriptSrc, s => Assert.StartsWith("'sha256-", s));
        Assert.StartsWith("default-src 'none';", policy);
        Assert.DoesNotContain("unsafe", policy);
        Assert.Contains("require-trusted-types-for 'script'", policy);
    }

    /// <summary>A script that parsed HTML or evaluated text would be refused by the policy at run time: none does.</summary>
    [Fact]
    public void No_script_uses_an_html_or_code_sink_or_names_another_origin()
    {
        foreach (var name in Embedded)
        {
            var text = DashboardPage.Asset(name);
            Assert.DoesNotMatch(@"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval|Function)\s*[=(]", text);
            Assert.DoesNotMatch(@"(?i)\b(?:https?:|wss?:)?//[a-z0-9-]+(\.[a-z0-9-]+)+", text);
        }
    }

    /// <summary>The HTML report's policy goes on every other HTML answer; the dashboard keeps its own (it has scripts the report's forbids).</summary>
    [Fact]
    public async Task The_response_states_its_own_policy_which_the_security_headers_keep()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await DashboardPage.Response().ExecuteAsync(context);
        SecurityHeaders.Apply(context.Response); // as the self-host's edge does again when the response starts
        Assert.Equal("text/html; charset=utf-8", context.Response.ContentType);
        Assert.Equal(DashboardPage.ContentSecurityPolicy, context.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.NotEqual(SecurityHeaders.ContentSecurityPolicy, context.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions.ToString());
        Assert.Equal(DashboardPage.Html, System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }
}
