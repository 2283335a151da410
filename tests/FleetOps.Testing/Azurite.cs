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

    public static async Task<Azurite> StartAsync(string? location = null) =>
        new(await LocalAzurite.StartAsync(RepoPaths.Root, location));

    public ValueTask DisposeAsync() => _azurite.DisposeAsync();
}
