using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>A private Azurite and a self-host process on it, for one test class.</summary>
public class SelfHostEnvironment : IAsyncLifetime
{
    public Azurite Storage { get; private set; } = null!;
    public HostProcess Host { get; private set; } = null!;
    public RunsClient Api { get; private set; } = null!;
    public string HubName { get; } = "e2e" + Guid.NewGuid().ToString("N")[..8];

    protected virtual IDictionary<string, string?> HostEnvironment => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync();
        Host = await HostProcess.StartAsync(Storage.ConnectionString, HubName, extraEnvironment: HostEnvironment);
        Api = new RunsClient(Host.CreateClient());
    }

    public virtual async Task DisposeAsync()
    {
        Api?.Http.Dispose();
        if (Host is not null)
        {
            // The host's log, kept with the test results: what a test that timed out on a run cannot print itself.
            var logs = Path.Combine(RepoPaths.Root, "artifacts", "host-logs");
            Directory.CreateDirectory(logs);
            await File.WriteAllTextAsync(Path.Combine(logs, $"{GetType().Name}-{HubName}.log"), Host.Process.Output(ChildProcess.MaxLines));
            await Host.DisposeAsync();
        }
        if (Storage is not null) await Storage.DisposeAsync();
    }
}
