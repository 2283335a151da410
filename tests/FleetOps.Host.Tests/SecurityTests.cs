using System.Net;
using System.Text.Json.Nodes;
using FleetOps.Host.Http;
using FleetOps.Testing;

namespace FleetOps.Host.Tests;

/// <summary>One Azurite for the host processes of a test class.</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    public Azurite Storage { get; private set; } = null!;
    public async Task InitializeAsync() => Storage = await Azurite.StartAsync();
    public async Task DisposeAsync() => await Storage.DisposeAsync();
}

/// <summary>Keys off-loopback, however the host was told where to listen; the key itself never in a response.</summary>
public sealed class SecurityTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    [Theory]
    [InlineData("http://127.0.0.1:7071", true)]
    [InlineData("http://127.9.8.7:7071", true)]
    [InlineData("http://localhost:7071", true)]
    [InlineData("http://[::1]:7071", true)]
    [InlineData("http://[::ffff:127.0.0.1]:7071", true)]
    [InlineData("http://0.0.0.0:7071", false)]
    [InlineData("http://[::]:7071", false)]
    [InlineData("http://*:7071", false)]
    [InlineData("http://+:7071", false)]
    [InlineData("http://10.0.0.5:7071", false)]
    [InlineData("http://[fe80::1]:7071", false)]
    [InlineData("http://fleet.example.com:7071", false)]
    [InlineData("http://localhost.example.com:7071", false)]
    [InlineData("not a url", false)]
    public void Loopback_is_recognised(string address, bool loopback) => Assert.Equal(loopback, BindingGuard.IsLoopback(address));

    [Fact]
    public void Listening_beyond_loopback_without_a_key_is_refused_and_with_a_key_allowed()
    {
        var refusal = BindingGuard.Refusal(["http://127.0.0.1:1", "http://0.0.0.0:2"], apiKey: null);
        Assert.NotNull(refusal);
        Assert.Contains("http://0.0.0.0:2", refusal);
        Assert.DoesNotContain("127.0.0.1:1", refusal);
        Assert.Contains("FleetOps__ApiKey", refusal);
        Assert.DoesNotContain('\n', refusal);
        Assert.Null(BindingGuard.Refusal(["http://0.0.0.0:2"], apiKey: "k"));
        Assert.Null(BindingGuard.Refusal(["http://127.0.0.1:1", "http://localhost:3"], apiKey: null));
    }

    /// <summary>Each way ASP.NET Core takes an address: the guard only looked at "urls".</summary>
    public static TheoryData<string> Routes => ["urls", "ASPNETCORE_URLS", "Kestrel env", "--urls", "Kestrel arg", "appsettings.json", "one of two"];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_host_refuses_to_serve_beyond_loopback_without_a_key_however_it_was_bound(string how)
    {
        var port = FreePorts.Next();
        var environment = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = fixture.Storage.ConnectionString, ["FleetOps__Engine__HubName"] = "guard" + Guid.NewGuid().ToString("N")[..8] };
        var arguments = new List<string> { RepoPaths.ProjectOutput("FleetOps.Host", "fleetops-host.dll") };
        var directory = Directory.CreateTempSubdirectory("guard").FullName;
        var exposed = $"http://0.0.0.0:{port}";
        switch (how)
        {
            case "urls": environment["urls"] = exposed; break;
            case "ASPNETCORE_URLS": environment["ASPNETCORE_URLS"] = exposed = $"http://[::]:{port}"; break;
            case "Kestrel env": environment["Kestrel__Endpoints__Api__Url"] = exposed; break;
            case "--urls": arguments.Add($"--urls=http://*:{port}"); exposed = $"http://[::]:{port}"; break;
            case "Kestrel arg": arguments.Add($"--Kestrel:Endpoints:Api:Url={exposed}"); break;
            case "appsettings.json":
                await File.WriteAllTextAsync(Path.Combine(directory, "appsettings.json"), $$$"""{"Kestrel":{"Endpoints":{"Api":{"Url":"{{{exposed}}}"} } } }""");
                break;
            case "one of two": environment["urls"] = $"http://127.0.0.1:{FreePorts.Next()};{exposed}"; break;
        }

        await using var process = ChildProcess.Start("dotnet", arguments, environment, workingDirectory: directory);
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}:\n{process.Output()}");
        var line = Assert.Single(process.ErrorLines);
        Assert.Contains("without an API key", line);
        Assert.Contains(exposed, line);
        Assert.DoesNotContain(process.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Localhost_is_loopback_and_needs_no_key()
    {
        var port = FreePorts.Next();
        await using var host = await HostProcess.StartAsync(fixture.Storage.ConnectionString, "lh" + Guid.NewGuid().ToString("N")[..8], port,
            new Dictionary<string, string?> { ["urls"] = $"http://localhost:{port}" });
        using var http = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Api.Routes.ListRuns.Path())).StatusCode);
    }

    /// <summary>The code route: an address added by the program that embeds the host (as `fleetops demo` does).</summary>
    [Fact]
    public async Task An_embedded_host_given_a_wildcard_address_in_code_refuses_to_start()
    {
        var port = FreePorts.Next();
        var app = FleetOpsHost.Build([$"--AzureWebJobsStorage={fixture.Storage.ConnectionString}", $"--FleetOps:Engine:HubName=code{Guid.NewGuid().ToString("N")[..8]}",
            $"--FleetOps:HostJson={Path.Combine(RepoPaths.Root, "host.json")}", "--Logging:LogLevel:Default=Warning"]);
        app.Urls.Clear();
        app.Urls.Add($"http://0.0.0.0:{port}");
        await using (app)
        {
            var refused = await Assert.ThrowsAsync<ExposureRefusedException>(() => FleetOpsHost.StartAsync(app));
            Assert.Contains($"http://0.0.0.0:{port}", refused.Message);
        }
        using var probe = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task With_a_key_the_host_serves_beyond_loopback_and_api_calls_need_the_key_but_health_does_not()
    {
        var port = FreePorts.Next();
        await using var host = await HostProcess.StartAsync(fixture.Storage.ConnectionString, "sec" + Guid.NewGuid().ToString("N")[..8], port,
            new Dictionary<string, string?> { ["FleetOps__ApiKey"] = "s3cret-key", ["urls"] = $"http://0.0.0.0:{port}" });
        using var http = host.CreateClient();
        var runs = Api.Routes.ListRuns.Path();

        using var anonymous = await http.GetAsync(runs);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Contains("x-functions-key", JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());

        using var wrong = new HttpRequestMessage(HttpMethod.Get, runs) { Headers = { { "x-functions-key", "s3cret-kez" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, runs) { Headers = { { "x-functions-key", "s3cret-key" } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(right)).StatusCode);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, runs) { Headers = { { "Authorization", "Bearer s3cret-key" } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        // /metrics is the API's data too: the same key, as Prometheus sends it (authorization: credentials).
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/metrics")).StatusCode);
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", "Bearer s3cret-key" } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(scrape)).StatusCode);

        // The route both hosts serve (GetMetrics): the same text behind the same key.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/metrics")).StatusCode);
        using var routed = new HttpRequestMessage(HttpMethod.Get, "/api/metrics") { Headers = { { "x-functions-key", "s3cret-key" } } };
        using var answer = await http.SendAsync(routed);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/plain", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE fleetops_", await answer.Content.ReadAsStringAsync());
    }
    [Fact]
    public async Task With_a_key_only_the_heartbeat_routes_answer_without_it_and_a_beat_needs_nothing_but_the_token()
    {
        var port = FreePorts.Next();
        await using var host = await HostProcess.StartAsync(fixture.Storage.ConnectionString, "hb" + Guid.NewGuid().ToString("N")[..8], port,
            new Dictionary<string, string?> { ["FleetOps__ApiKey"] = "s3cret-key" });
        using var http = host.CreateClient();
        var unknown = new string('A', 43);

        // Decided on the route matched, not on the path's text: neighbours and look-alikes still need the key.
        foreach (var path in new[] { "/api/monitors", "/api/heartbeats", $"/api/heartbeats/{unknown}/extra", $"/api/monitors/x?next=/api/heartbeats/{unknown}" })
        {
            using var refused = await http.GetAsync(path);
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {refused.StatusCode}");
        }
        using (var notFound = await http.PostAsync($"/api/heartbeats/{unknown}", null))
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);

        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/monitors/nightly")
        {
            Headers = { { "x-functions-key", "s3cret-key" } },
            Content = Api.Client.FleetOpsApiClient.Json("""{"heartbeat":{"period":"1h"}}"""),
        };
        using var created = await http.SendAsync(put);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["heartbeatToken"]!.GetValue<string>();
        using (var beat = await http.PostAsync($"/api/heartbeats/{token}", null))
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        using (var fail = await http.PostAsync($"/api/heartbeats/{token}/fail", null))
            Assert.Equal(HttpStatusCode.OK, fail.StatusCode);
        Assert.DoesNotContain(host.Process.Lines, l => l.Contains(token, StringComparison.Ordinal));
    }
}
