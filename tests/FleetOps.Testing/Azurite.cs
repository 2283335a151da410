using FleetOps.Cli.Local;

namespace FleetOps.Testing;

/// <summary>
/// A private Azurite (the repository's pinned npm package) on free loopback ports, in memory unless a folder is given.
/// Each fixture gets its own, so queues and task hubs never leak between test classes.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private readonly LocalAzurite _azurite;

    private Azurite(LocalAzurite azurite) => _azurite = azurite;

    public string ConnectionString => _azurite.ConnectionString;

    public AzuritePorts Ports => _azurite.Ports;

    /// <param name="ports">Fixed ports, to start again where a stopped one listened; null picks free ones.</param>
    public static async Task<Azurite> StartAsync(string? location = null, AzuritePorts? ports = null) =>
        new(await LocalAzurite.StartAsync(RepoPaths.Root, location, ports: ports));

    /// <summary>A clean stop (SIGTERM: Azurite saves its data and closes its ports), killed if it takes over 15 s.</summary>
    public async Task StopAsync()
    {
        using var process = System.Diagnostics.Process.GetProcessById(_azurite.ProcessId);
        using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", _azurite.ProcessId.ToString()])) await term.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { await _azurite.DisposeAsync(); }
    }

    /// <summary>kill -9: no saving; with --location, the last few seconds of acknowledged writes are lost.</summary>
    public ValueTask KillAsync() => _azurite.DisposeAsync();

    public ValueTask DisposeAsync() => _azurite.DisposeAsync();
}
