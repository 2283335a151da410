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

    public ValueTask DisposeAsync() => _azurite.DisposeAsync();
}
