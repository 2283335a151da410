using FleetOps.Workflows.Hosting;
using FleetOps.Host.Engine;
using FleetOps.Host.Http;
using FleetOps.Host.Logging;
using FleetOps.Host.Queue;
using FleetOps.Api;
using FleetOps.Workflows;
using FleetOps.Workflows.Queue;
using FleetOps.Workflows.Storage;
using FleetOps.Workflows.Sweeps;

namespace FleetOps.Host;

/// <summary>Builds the self-host: the durable engine, the queue listeners and the HTTP API on one ASP.NET Core app.</summary>
public static class FleetOpsHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseKestrelHttpsConfiguration();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        // As host.json's logging section does for Functions: the engine's chatter only when it matters.
        builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
        // Request bodies are capped by the handlers (413 problem+json); Kestrel's own cap sits just above.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Core.Contracts.RequestReader.MaxBodyBytes + 1024);

        var hostJsonPath = builder.Configuration["FleetOps:HostJson"] ?? Path.Combine(AppContext.BaseDirectory, "host.json");
        var hostJson = HostJson.Load(hostJsonPath);
        builder.Services.AddSingleton(hostJson);
        builder.Services.AddFleetOpsApi(builder.Configuration);
        builder.Services.Configure<EngineOverrides>(builder.Configuration.GetSection("FleetOps:Engine"));
        builder.Services.AddSingleton(_ =>
        {
            var registry = new WorkflowRegistry();
            if (builder.Configuration.GetValue<bool>("FleetOps:Benchmarks:NaiveWorkflows"))
            {
                registry.Orchestrators[Benchmarks.NaiveSweepOrchestrator.Name] = typeof(Benchmarks.NaiveSweepOrchestrator);
                registry.Activities[Benchmarks.ProbeOneActivity.Name] = typeof(Benchmarks.ProbeOneActivity);
            }
            return registry;
        });
        builder.Services.AddTransient<Benchmarks.NaiveSweepOrchestrator>();
        builder.Services.AddTransient<Benchmarks.ProbeOneActivity>();
        builder.Services.AddSingleton<EngineRuntime>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EngineRuntime>());
        AddQueueListener(builder.Services, hostJson, SweepQueueHandler.QueueName, (sp, delivery, ct) =>
            sp.GetRequiredService<SweepQueueHandler>().HandleAsync(delivery, sp.GetRequiredService<EngineRuntime>().Client, ct));
        AddQueueListener(builder.Services, hostJson, Workflows.Rollouts.RolloutQueueHandler.QueueName, (sp, delivery, ct) =>
            sp.GetRequiredService<Workflows.Rollouts.RolloutQueueHandler>().HandleAsync(delivery, sp.GetRequiredService<EngineRuntime>().Client, ct));

        // Keys off-loopback: checked on the addresses actually bound, however they were configured.
        builder.Services.AddSingleton<ExposureCheck>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExposureCheck>());
        // No secret in any log line, whichever provider writes it: the last step, so every provider is wrapped.
        RedactingLoggerProvider.WrapAll(builder.Services, new LogRedactor([builder.Configuration["FleetOps:ApiKey"]]));

        var app = builder.Build();
        var apiKey = app.Configuration["FleetOps:ApiKey"];
        app.UseMiddleware<EdgeMiddleware>();
        app.Use(app.Services.GetRequiredService<ExposureCheck>().Gate);
        if (!string.IsNullOrEmpty(apiKey)) app.UseMiddleware<ApiKeyMiddleware>(apiKey);
        app.MapFleetOpsApi();
        return app;
    }

    /// <summary>
    /// Starts the host and checks the addresses it bound: throws <see cref="ExposureRefusedException"/> (the host
    /// stopped, nothing served) when it listens beyond loopback without an API key.
    /// </summary>
    public static async Task StartAsync(WebApplication app, CancellationToken ct = default)
    {
        await app.StartAsync(ct).ConfigureAwait(false);
        if (app.Services.GetRequiredService<ExposureCheck>().Refusal is { } refusal)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw new ExposureRefusedException(refusal);
        }
    }

    /// <summary>
    /// One queue trigger. Registered as IHostedService rather than with AddHostedService, which keeps only the first
    /// service of a type and would silently drop the second listener.
    /// </summary>
    private static void AddQueueListener(IServiceCollection services, HostJson hostJson, string queueName,
        Func<IServiceProvider, QueueDelivery, CancellationToken, Task> handle) =>
        services.AddSingleton<IHostedService>(sp => new QueueListener(
            new QueueBinding(queueName, (delivery, ct) => handle(sp, delivery, ct)),
            sp.GetRequiredService<StorageClients>(),
            hostJson.Queues,
            sp.GetRequiredService<PoisonQueue>(),
            sp.GetRequiredService<ILogger<QueueListener>>()));
}
