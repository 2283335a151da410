using FleetOps.Api;
using FleetOps.Host.Engine;
using FleetOps.Host.Health;
using FleetOps.Host.Http;
using FleetOps.Host.Logging;
using FleetOps.Host.Queue;
using FleetOps.Host.Settings;
using FleetOps.Host.Watchdog;
using FleetOps.Workflows.Hosting;
using FleetOps.Workflows.Queue;
using FleetOps.Workflows.Storage;
using FleetOps.Workflows.Sweeps;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace FleetOps.Host;

/// <summary>Builds the self-host: the durable engine, the queue listeners and the HTTP API on one ASP.NET Core app.</summary>
public static class FleetOpsHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    private static readonly Dictionary<string, string?> QuietLogDefaults = new()
    {
        ["Logging:LogLevel:DurableTask"] = nameof(LogLevel.Warning),
        ["Logging:LogLevel:Microsoft.AspNetCore"] = nameof(LogLevel.Warning),
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = nameof(LogLevel.Critical),
    };

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseKestrelHttpsConfiguration();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        var quiet = new OutageLogQuiet();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        // As host.json's logging section does for Functions: the engine's chatter only when it matters (and not at
        // all on the console during a storage outage, which StorageHealth reports as one line).
        // One line per request is access logging's job, not the console's; readiness failures are reported once by
        // StorageHealth, not once per probe of /readyz. Defaults under every other source, so an operator's
        // Logging:LogLevel settings still turn any of them up.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietLogDefaults });
        builder.Logging.AddFilter<ConsoleLoggerProvider>("DurableTask", quiet.Allows);
        // The SDK logs every activity failure at Information with its whole stack: one per batch in an outage.
        builder.Logging.AddFilter<ConsoleLoggerProvider>("Microsoft.DurableTask", quiet.Allows);
        // Request bodies are capped by the handlers (413 problem+json); Kestrel's own cap sits 4 MiB above, so after a
        // 413 Kestrel can drain a body a little over the limit and the client reads its answer instead of a reset
        // (a client still sending when the connection is aborted sees a broken pipe, not the problem).
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Core.Contracts.RequestReader.MaxBodyBytes + 4 * 1024 * 1024);

        var services = builder.Services;
        services.AddSingleton(quiet);
        services.AddSingleton(sp =>
        {
            var registry = new WorkflowRegistry();
            if (sp.GetRequiredService<IOptions<BenchmarkOptions>>().Value.NaiveWorkflows)
            {
                registry.Orchestrators[Benchmarks.NaiveSweepOrchestrator.Name] = typeof(Benchmarks.NaiveSweepOrchestrator);
                registry.Activities[Benchmarks.ProbeOneActivity.Name] = typeof(Benchmarks.ProbeOneActivity);
            }
            return registry;
        });
        services.AddFleetOpsApi(builder.Configuration);
        services.AddSelfHostSettings(builder.Configuration);
        services.AddTransient<Benchmarks.NaiveSweepOrchestrator>();
        services.AddTransient<Benchmarks.ProbeOneActivity>();
        services.AddSingleton<StorageHealth>();
        services.AddFleetOpsReadiness();
        services.AddFleetOpsMetricsExport(builder.Configuration);
        AddWatchdog(services);

        // Hosted services stop in reverse order: listeners and the watchdog first, the engine last.
        services.AddHostedService(sp => sp.GetRequiredService<EngineRuntime>());
        services.AddHostedService<StorageProbe>();
        AddQueueListener(services, SweepQueueHandler.QueueName, (sp, delivery, ct) =>
            sp.GetRequiredService<SweepQueueHandler>().HandleAsync(delivery, sp.GetRequiredService<EngineRuntime>().Client, ct));
        AddQueueListener(services, Workflows.Rollouts.RolloutQueueHandler.QueueName, (sp, delivery, ct) =>
            sp.GetRequiredService<Workflows.Rollouts.RolloutQueueHandler>().HandleAsync(delivery, sp.GetRequiredService<EngineRuntime>().Client, ct));
        AddQueueListener(services, Workflows.Alerts.AlertQueueHandler.QueueName, (sp, delivery, ct) =>
            sp.GetRequiredService<Workflows.Alerts.AlertQueueHandler>().HandleAsync(delivery, ct));
        AddQueueListener(services, Workflows.Monitors.MonitorQueueHandler.QueueName, (sp, delivery, ct) =>
            sp.GetRequiredService<Workflows.Monitors.MonitorQueueHandler>().HandleAsync(delivery, sp.GetRequiredService<EngineRuntime>().Client, ct));
        services.AddHostedService<Monitors.ReconcilerService>();
        services.AddHostedService(sp => sp.GetRequiredService<ProgressWatchdog>());

        // Keys off-loopback: checked on the addresses actually bound, however they were configured.
        services.AddSingleton<ExposureCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<ExposureCheck>());
        // No secret in any log line, whichever provider writes it: the last step, so every provider is wrapped.
        RedactingLoggerProvider.WrapAll(services, new LogRedactor([builder.Configuration["FleetOps:ApiKey"]]));

        var app = builder.Build();
        var apiKey = app.Services.GetRequiredService<IOptions<SelfHostOptions>>().Value.ApiKey;
        app.UseMiddleware<RequestSpanMiddleware>();
        app.UseMiddleware<EdgeMiddleware>();
        app.Use(app.Services.GetRequiredService<ExposureCheck>().Gate);
        app.UseMiddleware<StorageOutageMiddleware>();
        if (!string.IsNullOrEmpty(apiKey)) app.UseMiddleware<ApiKeyMiddleware>(apiKey);
        app.MapFleetOpsApi();
        app.MapFleetOpsReadiness();
        app.MapFleetOpsMetrics();
        return app;
    }

    private static void AddWatchdog(IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<WatchdogMetrics>();
        services.AddSingleton<EngineRefusals>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<EngineRefusals>());
        services.AddSingleton<IProgressSource, RunProgressSource>();
        services.AddSingleton<IProgressSource, MonitorProgressSource>();
        services.AddSingleton<IProgressSource>(sp => sp.GetRequiredService<EngineRefusals>());
        services.AddSingleton(sp => new ProgressWatchdog(sp.GetServices<IProgressSource>(), sp.GetRequiredService<EngineRefusals>(),
            sp.GetRequiredService<EngineRuntime>(), sp.GetRequiredService<StorageHealth>(), sp.GetRequiredService<WatchdogMetrics>(),
            sp.GetRequiredService<IOptions<WatchdogOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ProgressWatchdog>>()));
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
    private static void AddQueueListener(IServiceCollection services, string queueName,
        Func<IServiceProvider, QueueDelivery, CancellationToken, Task> handle) =>
        services.AddSingleton<IHostedService>(sp => new QueueListener(
            new QueueBinding(queueName, (delivery, ct) => handle(sp, delivery, ct)),
            sp.GetRequiredService<StorageClients>(),
            sp.GetRequiredService<HostJson>().Queues,
            sp.GetRequiredService<PoisonQueue>(),
            sp.GetRequiredService<StorageHealth>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<QueueListener>>()));
}
