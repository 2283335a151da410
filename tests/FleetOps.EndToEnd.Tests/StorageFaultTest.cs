using FleetOps.Testing;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// For tests that take storage away under a running host: an Azurite that keeps its data on disk, so it can be stopped
/// or killed and started again on the same ports with the same data; the host's log goes to the test output.
/// </summary>
public abstract class StorageFaultTest(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _location = Path.Combine(Path.GetTempPath(), "fleetops-storage-" + Guid.NewGuid().ToString("N")[..8]);

    protected Azurite Storage { get; private set; } = null!;
    protected ITestOutputHelper Output => output;

    public async Task InitializeAsync() => Storage = await Azurite.StartAsync(_location);

    public async Task DisposeAsync()
    {
        await Storage.DisposeAsync();
        try { Directory.Delete(_location, recursive: true); } catch (IOException) { }
    }

    /// <summary>Azurite again, on the ports and with the data of the one that was stopped or killed.</summary>
    protected async Task RestartStorageAsync() => Storage = await Azurite.StartAsync(_location, Storage.Ports);

    /// <summary>Runs the test's body and writes the host's log lines (those <paramref name="keep"/> selects) whatever happens.</summary>
    protected async Task WithHostLogAsync(HostProcess host, Func<Task> body, Func<string, bool>? keep = null)
    {
        try
        {
            await body();
        }
        finally
        {
            foreach (var line in host.Process.Output(20_000).Split('\n').Where(keep ?? (_ => true))) output.WriteLine(line);
        }
    }
}
