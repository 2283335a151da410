using System.Net;
using FleetOps.Host.Logging;
using FleetOps.Testing;

namespace FleetOps.Host.Tests;

/// <summary>No secret reaches a log line: the real host's whole output, at the most verbose level, is searched.</summary>
public sealed class LogRedactionTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private const string Key = "s3cret-key-9f2c";

    [Theory]
    [InlineData("GET /api/runs?code=K1 HTTP/1.1", "K1")]
    [InlineData("https://h/api/runs?limit=5&api_key=K2&x=1", "K2")]
    [InlineData("https://h/x?access_token=K3", "K3")]
    [InlineData("https://h/x?sig=K4&se=2030", "K4")]
    [InlineData("https://h/x?Secret=K5", "K5")]
    [InlineData("x-functions-key: K6", "K6")]
    [InlineData("Authorization: Bearer K7", "K7")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=K8==;BlobEndpoint=x", "K8")]
    [InlineData("the configured key s3cret-key-9f2c in free text", Key)]
    public void A_secret_is_masked(string line, string secret)
    {
        var redactor = new LogRedactor([Key, "s3cret-key"]);
        var redacted = redactor.Redact(line);
        Assert.DoesNotContain(secret, redacted);
        Assert.Contains(LogRedactor.Mask, redacted);
    }

    [Fact]
    public void Ordinary_lines_are_left_alone() =>
        Assert.Equal("GET /api/runs?status=Running&limit=5 200", new LogRedactor([Key]).Redact("GET /api/runs?status=Running&limit=5 200"));

    [Fact]
    public async Task Keys_sent_in_queries_and_headers_never_reach_the_hosts_output()
    {
        const string other = "OtherSecret7788";
        await using var host = await HostProcess.StartAsync(fixture.Storage.ConnectionString, "red" + Guid.NewGuid().ToString("N")[..8],
            extraEnvironment: new Dictionary<string, string?>
            {
                ["FleetOps__ApiKey"] = Key,
                ["Logging__LogLevel__Default"] = "Trace",
                ["Logging__LogLevel__DurableTask"] = "Warning",
                // Request logging is off by default; the operator's setting turns it on.
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            });
        using var http = host.CreateClient();
        string[] paths =
        [
            $"/api/runs?code={Key}", $"/api/runs?limit=5&code={Key}", $"/api/runs?api_key={other}", $"/api/runs?access_token={other}",
            $"/api/runs?sig={other}", $"/nowhere?code={Key}", $"/api/runs/x/report?format=json&code={Key}",
        ];
        foreach (var path in paths)
        {
            using var _ = await http.GetAsync(path);
        }
        foreach (var (name, value) in new[] { ("x-functions-key", Key), ("Authorization", $"Bearer {Key}"), ("Authorization", $"Bearer {other}"), ("x-functions-key", other) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs") { Headers = { { name, value } } };
            using var _ = await http.SendAsync(request);
        }
        using (var keyed = new HttpRequestMessage(HttpMethod.Get, "/api/runs") { Headers = { { "x-functions-key", Key } } })
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(keyed)).StatusCode);

        // The request lines were logged (so the search below means something), with the key masked.
        await UntilAsync(() => host.Process.OutputContains("code=***"),
            () => string.Join("\n", host.Process.Lines.Where(l => l.Contains("/api/runs", StringComparison.Ordinal)).Take(5)));
        Assert.True(host.Process.TotalLines <= ChildProcess.MaxLines, "some output was dropped before it could be searched");
        Assert.DoesNotContain(host.Process.Lines, l => l.Contains(Key, StringComparison.Ordinal) || l.Contains(other, StringComparison.Ordinal));
    }

    private static async Task UntilAsync(Func<bool> condition, Func<string> seen)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the masked request log lines did not appear; lines naming /api/runs:\n{seen()}");
            await Task.Delay(50);
        }
    }
}
