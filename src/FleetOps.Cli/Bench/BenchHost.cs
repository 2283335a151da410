using System.Diagnostics;
using DurableTask.AzureStorage;
using FleetOps.Cli.Local;
using FleetOps.Core;
using FleetOps.Host.Engine;
using Microsoft.DurableTask.Converters;

namespace FleetOps.Cli.Bench;

/// <summary>The self-host as its own process (so its peak memory is its own), plus a client on the same task hub.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const string HubName = "FleetOpsBench";
    private readonly Process _process;

    private BenchHost(Process process, int port, EngineDurableTaskClient client)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Client = client;
    }

    public Uri BaseAddress { get; }
    public EngineDurableTaskClient Client { get; }
    public int ProcessId => _process.Id;

    /// <param name="environment">Settings added to (or replacing) the bench's own, e.g. another task hub for a chaos trial.</param>
    public static async Task<BenchHost> StartAsync(string connectionString, string hostJson, int port, CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "fleetops-host.dll");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.Environment["AzureWebJobsStorage"] = connectionString;
        info.Environment["urls"] = $"http://127.0.0.1:{port}";
        info.Environment["FleetOps__Engine__HubName"] = HubName;
        info.Environment["FleetOps__Policy__Allow__0"] = "127.0.0.0/8";
        info.Environment["FleetOps__HostJson"] = hostJson;
        info.Environment["FleetOps__Benchmarks__NaiveWorkflows"] = "true";
        info.Environment["FleetOps__Limits__MaxTargetsPerRun"] = "1000000"; // the 1M-target sweep
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await LoopbackPort.WaitForListenerAsync(port, TimeSpan.FromSeconds(60),
            () => process.HasExited ? $"fleetops-host exited with {process.ExitCode}" : null, ct).ConfigureAwait(false);
        await LoopbackPort.WaitForHealthAsync(port, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = HubName,
        });
        var client = new EngineDurableTaskClient(HubName, service, service, service, new JsonDataConverter(FleetOpsJson.Options));
        return new BenchHost(process, port, client);
    }

    /// <summary>kill -9: no shutdown hooks, leases and dequeued messages left as a crash leaves them.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }
}
