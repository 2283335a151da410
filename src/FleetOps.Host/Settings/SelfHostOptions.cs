using FleetOps.Workflows.Hosting;
using Microsoft.Extensions.Options;

namespace FleetOps.Host.Settings;

/// <summary>Section <c>FleetOps</c>: the self-host's own top-level settings.</summary>
public sealed class SelfHostOptions
{
    public const string Section = "FleetOps";

    /// <summary>The key /api requests must present (the guard itself lives in Http/ApiKeyMiddleware).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Path of host.json; default: the one next to the executable.</summary>
    public string? HostJson { get; set; }

    /// <summary>How long SIGTERM waits for the engine, the listeners and HTTP requests before the process exits anyway.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string HostJsonPath => HostJson ?? Path.Combine(AppContext.BaseDirectory, "host.json");
}

public sealed class SelfHostOptionsValidator : IValidateOptions<SelfHostOptions>
{
    public ValidateOptionsResult Validate(string? name, SelfHostOptions options)
    {
        var errors = new SettingErrors();
        // Strength rules belong to the API-key guard (Http/); here only what can never work as a header value.
        if (options.ApiKey is { Length: > 0 } key && (string.IsNullOrWhiteSpace(key) || key.Any(char.IsControl)))
            errors.Add("FleetOps:ApiKey", "must be printable text (no control characters)");
        errors.Positive("FleetOps:ShutdownTimeout", options.ShutdownTimeout);
        if (options.ShutdownTimeout > TimeSpan.FromMinutes(10)) errors.Add("FleetOps:ShutdownTimeout", $"must be at most 00:10:00 (got {options.ShutdownTimeout})");
        try
        {
            foreach (var problem in Workflows.Hosting.HostJson.Load(options.HostJsonPath).Problems())
                errors.Add("FleetOps:HostJson", $"{options.HostJsonPath}: {problem}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException)
        {
            errors.Add("FleetOps:HostJson", e.Message.ReplaceLineEndings(" "));
        }
        return errors.Result;
    }
}

/// <summary>Section <c>FleetOps:Benchmarks</c>: workflows registered only for <c>fleetops bench</c>.</summary>
public sealed class BenchmarkOptions
{
    public bool NaiveWorkflows { get; set; }
}
