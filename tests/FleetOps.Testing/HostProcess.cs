using FleetOps.Cli.Local;

namespace FleetOps.Testing;

/// <summary>The self-host (fleetops-host) as a real process on a free loopback port, against a given storage account.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private HostProcess(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>This tree's build; FLEETOPS_HOST_DLL runs another (e.g. an older build, to watch a test fail on it).</summary>
    public static string HostDll => Environment.GetEnvironmentVariable("FLEETOPS_HOST_DLL") is { Length: > 0 } other
        ? other
        : RepoPaths.ProjectOutput("FleetOps.Host", "fleetops-host.dll");

    public int Port { get; }
    public Uri BaseAddress { get; }
    public ChildProcess Process => _process;

    public static async Task<HostProcess> StartAsync(string connectionString, string hubName, int? port = null, IDictionary<string, string?>? extraEnvironment = null)
    {
        var dll = HostDll;
        if (!File.Exists(dll)) throw new FileNotFoundException($"build the solution first: {dll} is missing", dll);
        var actualPort = port ?? FreePorts.Next();
        var environment = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["urls"] = $"http://127.0.0.1:{actualPort}",
            ["FleetOps__Engine__HubName"] = hubName,
            ["FleetOps__Policy__Allow__0"] = "127.0.0.0/8",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (k, v) in extraEnvironment ?? new Dictionary<string, string?>()) environment[k] = v;
        var process = ChildProcess.Start("dotnet", [dll], environment);
        var host = new HostProcess(process, actualPort);
        try
        {
            await LoopbackPort.WaitForListenerAsync(actualPort, TimeSpan.FromSeconds(60),
                () => process.HasExited ? $"fleetops-host exited with {process.ExitCode}:\n{process.Output()}" : null);
            await LoopbackPort.WaitForHealthAsync(actualPort, TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            var output = process.Output();
            await process.DisposeAsync();
            throw new TimeoutException($"{e.Message}\n{output}", e);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return host;
    }

    public RunsClient CreateApi() => new(CreateClient());

    /// <summary>Runs the host with exactly this environment (no defaults added) until it exits: for start-up failures.</summary>
    public static async Task<(int ExitCode, string[] Lines)> RunToExitAsync(IDictionary<string, string?> environment, TimeSpan timeout)
    {
        var dll = HostDll;
        await using var process = ChildProcess.Start("dotnet", [dll], environment);
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"fleetops-host did not exit within {timeout}:\n{process.Output()}"); }
        await Task.Delay(200); // the last output lines arrive asynchronously
        var lines = process.Output(2000).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, lines);
    }

    /// <summary>GET /readyz: the status code and the body.</summary>
    public async Task<(int Status, string Body)> ReadinessAsync()
    {
        using var http = CreateClient();
        http.Timeout = TimeSpan.FromSeconds(20);
        using var response = await http.GetAsync("/readyz");
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits until /readyz answers 200 (storage reachable, engine running).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = (Status: 0, Body: "");
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await ReadinessAsync();
                if (last.Status == 200) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"not ready within {timeout}: {last.Status} {last.Body}\n{_process.Output()}");
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
