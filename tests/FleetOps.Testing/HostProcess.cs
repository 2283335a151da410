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

    public int Port { get; }
    public Uri BaseAddress { get; }
    public ChildProcess Process => _process;

    public static async Task<HostProcess> StartAsync(string connectionString, string hubName, int? port = null, IDictionary<string, string?>? extraEnvironment = null)
    {
        var dll = RepoPaths.ProjectOutput("FleetOps.Host", "fleetops-host.dll");
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

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
