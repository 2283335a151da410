using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FleetOps.Testing;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c>, installed by scripts/test.sh) on loopback, with its config and
/// TSDB in a temp folder, scraping the given targets every second.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";
    private readonly ChildProcess _process;
    private readonly string _folder;

    private PrometheusServer(ChildProcess process, string folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public int Port => Http.BaseAddress!.Port;

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) at <paramref name="metricsPath"/>.</summary>
    /// <param name="port">Where Prometheus listens (default: a free port); a test that stops Prometheus starts the next one where the host looks.</param>
    public static async Task<PrometheusServer> StartAsync(string target, string metricsPath = "/metrics", string? bearerToken = null, int? port = null)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is missing: scripts/test.sh installs the Debian package 'prometheus'");
        var folder = Directory.CreateTempSubdirectory("fleetops-prom-").FullName;
        var auth = bearerToken is null ? "" : $"\n    authorization:\n      credentials: '{bearerToken}'";
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: fleetops
                metrics_path: {metricsPath}{auth}
                static_configs:
                  - targets: ['{target}']
            """);
        port ??= FreePorts.Next();
        var process = ChildProcess.Start(Binary, [
            $"--config.file={Path.Combine(folder, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"]);
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>The instant vector a PromQL query returns now: each sample's labels and value.</summary>
    public async Task<IReadOnlyList<(JsonObject Labels, double Value)>> QueryAsync(string promql)
    {
        var body = await Http.GetFromJsonAsync<JsonNode>($"/api/v1/query?query={Uri.EscapeDataString(promql)}")
            ?? throw new InvalidOperationException("empty answer from Prometheus");
        if (body["status"]?.GetValue<string>() != "success") throw new InvalidOperationException($"Prometheus refused '{promql}': {body.ToJsonString()}");
        return [.. body["data"]!["result"]!.AsArray().Select(r => (r!["metric"]!.AsObject(),
            double.Parse(r["value"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>The health of the one scrape target as Prometheus last saw it ("up", "down", "unknown") and its error.</summary>
    public async Task<(string Health, string Error)> TargetHealthAsync()
    {
        var body = await Http.GetFromJsonAsync<JsonNode>("/api/v1/targets");
        var target = body!["data"]!["activeTargets"]!.AsArray().Single()!;
        return (target["health"]!.GetValue<string>(), target["lastError"]?.GetValue<string>() ?? "");
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"prometheus exited {_process.ExitCode}:\n{_process.Output()}");
            try
            {
                using var response = await Http.GetAsync("/-/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"prometheus was not ready within 30 s:\n{_process.Output()}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
