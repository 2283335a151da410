using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FleetOps.Api;

namespace FleetOps.Dashboard.BrowserTests;

/// <summary>The dashboard over plain HTTP: its policy, that it loads nothing from elsewhere, and that the key guards it.</summary>
public sealed partial class DashboardTests
{
    private const string Self = "/";

    [Theory]
    [InlineData(Self)]
    [InlineData("/api/dashboard")]
    public async Task The_page_carries_a_strict_policy_allowing_only_its_own_inline_code_and_loads_nothing_from_elsewhere(string path)
    {
        using var response = await env.Api.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToList());
        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["base-uri"]);
        Assert.Equal(["'none'"], directives["form-action"]);
        Assert.All(directives["script-src"].Concat(directives["style-src"]), s => Assert.Matches("^'sha256-[A-Za-z0-9+/]+=*'$", s));

        // Every script and style is inline and allowed by exactly its hash; nothing names another origin.
        var html = await response.Content.ReadAsStringAsync();
        var scripts = Regex.Matches(html, "<script([^>]*)>(.*?)</script>", RegexOptions.Singleline);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, m => Assert.Equal("", m.Groups[1].Value));
        Assert.Equal(scripts.Select(m => Hash(m.Groups[2].Value)).Order(), directives["script-src"].Order());
        var styles = Regex.Matches(html, "<style>(.*?)</style>", RegexOptions.Singleline);
        Assert.Equal(styles.Select(m => Hash(m.Groups[1].Value)), directives["style-src"]);
        Assert.DoesNotMatch(@"(?i)\b(?:https?:|wss?:)?//[a-z0-9.-]+\.[a-z]{2,}", html);
        // The one link is the empty icon (a data: URL, so the browser asks for no /favicon.ico).
        Assert.DoesNotMatch(@"(?i)<(?:img|iframe|object|embed|frame|audio|video|source)\b|<link(?![^>]*href=""data:)|@import", html);
        Assert.All(styles, m => Assert.DoesNotContain("url(", m.Groups[1].Value));
    }

    [Theory]
    [InlineData(Self)]
    [InlineData("/api/dashboard")]
    public async Task Without_the_key_the_page_is_refused_as_the_API_is(string path)
    {
        using var http = env.Host.CreateClient();
        foreach (var (what, request) in new (string, HttpRequestMessage)[]
        {
            ("no key", new(HttpMethod.Get, path)),
            ("wrong header", new(HttpMethod.Get, path) { Headers = { { "x-functions-key", "wrong" } } }),
            ("wrong code", new(HttpMethod.Get, path + "?code=wrong")),
            ("wrong bearer", new(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "wrong") } }),
        })
        {
            using var refused = await http.SendAsync(request);
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("<script", await refused.Content.ReadAsStringAsync());
        }
        using (var api = await http.GetAsync(Routes.ListRuns.Path()))
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        foreach (var request in new HttpRequestMessage[]
        {
            new(HttpMethod.Get, path + "?code=" + Uri.EscapeDataString(DashboardEnvironment.Key)),
            new(HttpMethod.Get, path) { Headers = { { "x-functions-key", DashboardEnvironment.Key } } },
            new(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", DashboardEnvironment.Key) } },
        })
        {
            using var served = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
        // The page takes no query but the key, like every route.
        using var unknown = await env.Api.Http.GetAsync(path + "?x=1");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    private static string Hash(string inline) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)))}'";
}
