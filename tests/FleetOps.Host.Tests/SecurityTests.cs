using System.Net;
using System.Text.Json.Nodes;
using FleetOps.Host.Http;
using FleetOps.Testing;

namespace FleetOps.Host.Tests;

public sealed class SecurityTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7071", true)]
    [InlineData("http://localhost:7071", true)]
    [InlineData("http://[::1]:7071", true)]
    [InlineData("http://0.0.0.0:7071", false)]
    [InlineData("http://*:7071", false)]
    [InlineData("http://+:7071", false)]
    [InlineData("http://10.0.0.5:7071", false)]
    public void Loopback_is_recognised(string url, bool loopback) => Assert.Equal(loopback, BindingGuard.IsLoopback(url));

    [Fact]
    public void Listening_beyond_loopback_without_a_key_is_refused_and_with_a_key_allowed()
    {
        var e = Assert.Throws<InvalidOperationException>(() => BindingGuard.EnsureSafe(["http://127.0.0.1:1", "http://0.0.0.0:2"], apiKey: null));
        Assert.Contains("0.0.0.0", e.Message);
        Assert.Contains("FleetOps__ApiKey", e.Message);
        BindingGuard.EnsureSafe(["http://0.0.0.0:2"], apiKey: "k");
        BindingGuard.EnsureSafe(["http://127.0.0.1:1"], apiKey: null);
    }

    [Fact]
    public async Task The_host_process_refuses_to_start_on_all_interfaces_without_a_key()
    {
        await using var storage = await Azurite.StartAsync();
        var port = FreePorts.Next();
        var dll = RepoPaths.ProjectOutput("FleetOps.Host", "fleetops-host.dll");
        await using var process = ChildProcess.Start("dotnet", [dll], new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["urls"] = $"http://0.0.0.0:{port}",
        });
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.NotEqual(0, process.ExitCode);
        Assert.True(process.OutputContains("without an API key"), process.Output());
    }

    [Fact]
    public async Task With_a_key_configured_api_calls_need_it_and_health_does_not()
    {
        await using var storage = await Azurite.StartAsync();
        await using var host = await HostProcess.StartAsync(storage.ConnectionString, "sec" + Guid.NewGuid().ToString("N")[..8],
            extraEnvironment: new Dictionary<string, string?> { ["FleetOps__ApiKey"] = "s3cret-key" });
        using var http = host.CreateClient();

        using var anonymous = await http.GetAsync("/api/runs");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Contains("x-functions-key", JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/runs") { Headers = { { "x-functions-key", "s3cret-kez" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/runs") { Headers = { { "x-functions-key", "s3cret-key" } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(right)).StatusCode);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/runs") { Headers = { { "Authorization", "Bearer s3cret-key" } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.False(host.Process.OutputContains("s3cret-key"), "the key must never be logged");
    }
}
