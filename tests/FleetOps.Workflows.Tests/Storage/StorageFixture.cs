using FleetOps.Testing;
using FleetOps.Workflows.Storage;
using Microsoft.Extensions.Configuration;

namespace FleetOps.Workflows.Tests.Storage;

/// <summary>A private Azurite and the storage clients on it, for store tests without an engine.</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;
    public StorageClients Clients { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = Azurite.ConnectionString }).Build();
        Clients = StorageClients.FromConfiguration(configuration);
    }

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
