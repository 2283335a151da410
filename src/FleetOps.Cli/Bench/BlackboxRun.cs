using System.Diagnostics;
using FleetOps.Cli.Local;

namespace FleetOps.Cli.Bench;

/// <summary>
/// blackbox_exporter (Debian's prometheus-blackbox-exporter) over the same fleet, as Prometheus would drive it: one
/// <c>GET /probe?module=http_2xx&amp;target=…</c> per node, <paramref name="parallel"/> in flight, each probe a new
/// connection from the exporter to the node. Its own CPU time and the driver's (this process, which also serves
/// the simulated fleet) are reported apart.
/// </summary>
public sealed class BlackboxRun : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-blackbox-exporter";
    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _http;

    private readonly int _port;

    private BlackboxRun(Process process, string folder, int port, int parallel)
    {
        _process = process;
        _port = port;
        _folder = folder;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = parallel, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Version { get; private set; } = "";

    /// <returns>The running exporter; null when it is not installed (the bench says so and goes on).</returns>
    public static async Task<BlackboxRun?> StartAsync(int parallel, CancellationToken ct)
    {
        if (!File.Exists(Binary)) return null;
        var folder = Directory.CreateTempSubdirectory("fleetops-blackbox-").FullName;
        var config = Path.Combine(folder, "blackbox.yml");
        await File.WriteAllTextAsync(config, """
            modules:
              http_2xx:
                prober: http
                timeout: 5s
                http:
                  valid_status_codes: [200]
                  preferred_ip_protocol: ip4
              tcp_connect:
                prober: tcp
                timeout: 5s
            """, ct).ConfigureAwait(false);
        var port = LoopbackPort.Free();
        var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=error" }) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var run = new BlackboxRun(process, folder, port, parallel);
        await run.WaitUntilUpAsync(ct).ConfigureAwait(false);
        return run;
    }

    public async Task<BenchResult> RunAsync(IReadOnlyList<string> urls, int parallel, CancellationToken ct)
    {
        var exporterCpu = _process.TotalProcessorTime;
        var driverCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var ok = 0;
        await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (url, token) =>
        {
            try
            {
                var body = await _http.GetStringAsync($"/probe?module=http_2xx&target={Uri.EscapeDataString(url)}", token).ConfigureAwait(false);
                if (body.Contains("\nprobe_success 1", StringComparison.Ordinal)) Interlocked.Increment(ref ok);
            }
            catch (HttpRequestException) { } // counted as not ok, like a failed probe
            catch (TaskCanceledException) when (!token.IsCancellationRequested) { }
        }).ConfigureAwait(false);
        watch.Stop();
        _process.Refresh();
        var exporter = (_process.TotalProcessorTime - exporterCpu).TotalSeconds;
        var driver = (Process.GetCurrentProcess().TotalProcessorTime - driverCpu).TotalSeconds;
        return new BenchResult(BenchCommandNames.Blackbox, urls.Count, watch.Elapsed, ok,
            $"{parallel} /probe calls in flight; CPU: exporter {exporter:0.0} s, driver + simulator {driver:0.0} s");
    }

    private async Task WaitUntilUpAsync(CancellationToken ct)
    {
        await LoopbackPort.WaitForListenerAsync(_port, TimeSpan.FromSeconds(20),
            () => _process.HasExited ? $"{Binary} exited {_process.ExitCode} at start" : null, ct).ConfigureAwait(false);
        var text = await _http.GetStringAsync("/metrics", ct).ConfigureAwait(false);
        // The label "version", not "goversion" which the same line carries.
        Version = System.Text.RegularExpressions.Regex.Match(text, @"^blackbox_exporter_build_info\{(?:.*,)?version=""([^""]*)""", System.Text.RegularExpressions.RegexOptions.Multiline)
            is { Success: true } match ? match.Groups[1].Value : "";
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
