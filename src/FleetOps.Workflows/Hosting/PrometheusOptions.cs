using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Hosting;

/// <summary>
/// <c>FleetOps:Prometheus</c>: the Prometheus that rollout gates query (<c>gate.prometheus</c>). Without a URL, a
/// rollout that asks for Prometheus queries is refused with a 400. The URL goes through the target policy
/// (<c>FleetOps:Policy</c>) as probes and actions do.
/// </summary>
public sealed class PrometheusOptions
{
    public const string Section = "FleetOps:Prometheus";

    /// <summary>The server's base URL, e.g. <c>http://prometheus.internal:9090</c> (queries go to <c>{Url}/api/v1/query</c>).</summary>
    public string? Url { get; set; }

    /// <summary>Per query.</summary>
    public int TimeoutMs { get; set; } = 10_000;

    /// <summary>Node-scoped queries (one per gated node) in flight at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Name of the configuration value holding a bearer token, if the server wants one (the token itself is never in this section).</summary>
    public string? BearerTokenSetting { get; set; }

    public Uri? BaseUri => Url is { Length: > 0 } url ? new Uri(url, UriKind.Absolute) : null;
}

public sealed class PrometheusOptionsValidator : IValidateOptions<PrometheusOptions>
{
    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        var errors = new SettingErrors();
        const string s = PrometheusOptions.Section;
        if (options.Url is { Length: > 0 } url)
        {
            errors.HttpUri($"{s}:Url", url);
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0))
                errors.Add($"{s}:Url", "must be the server's base URL without credentials, query or fragment (a token goes in BearerTokenSetting)");
        }
        errors.Range($"{s}:TimeoutMs", options.TimeoutMs, 1, 120_000);
        errors.Range($"{s}:MaxConcurrency", options.MaxConcurrency, 1, 64);
        return errors.Result;
    }
}
