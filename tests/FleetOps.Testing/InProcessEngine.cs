using FleetOps.Host.Engine;
using FleetOps.Api;
using FleetOps.Workflows;
using FleetOps.Workflows.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FleetOps.Testing;

/// <summary>
/// The self-host's engine and the shared workflow services in this process, on a private Azurite: for tests that
/// call handlers and triggers directly while real orchestrations run behind them.
/// </summary>
public sealed class InProcessEngine : IAsyncDisposable
{
    private InProcessEngine(Azurite storage, ServiceProvider services, EngineRuntime engine)
    {
        Storage = storage;
        Services = services;
        Engine = engine;
    }

    public Azurite Storage { get; }
    public ServiceProvider Services { get; }
    public EngineRuntime Engine { get; }

    public static async Task<InProcessEngine> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var storage = await Azurite.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["FleetOps:Policy:Allow:0"] = "127.0.0.0/8",
            ["FleetOps:Engine:HubName"] = "t" + Guid.NewGuid().ToString("N")[..10],
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddFilter(level => level >= LogLevel.Warning));
        services.AddFleetOpsApi(configuration);
        services.AddSingleton(HostJson.Load(Path.Combine(RepoPaths.Root, "host.json")));
        configure?.Invoke(services);
        services.AddFleetOpsEngine(configuration);
        var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<EngineRuntime>();
        await engine.StartAsync(CancellationToken.None);
        await engine.WaitUntilRunningAsync(TimeSpan.FromSeconds(60));
        return new InProcessEngine(storage, provider, engine);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
