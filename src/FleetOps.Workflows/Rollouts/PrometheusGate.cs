using FleetOps.Core.Policy;
using FleetOps.Probing.Prometheus;
using FleetOps.Workflows.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// The configured Prometheus of rollout gates (<see cref="PrometheusOptions"/>), or none: the parser refuses
/// <c>gate.prometheus</c> without one, and <see cref="AnalysisActivity"/> queries through it. One client per process.
/// </summary>
public sealed class PrometheusGate : IDisposable
{
    private readonly PrometheusClient? _client;

    public PrometheusGate(IOptions<PrometheusOptions> options, TargetPolicy policy, IConfiguration configuration)
    {
        var o = options.Value;
        if (o.BaseUri is not { } url) return;
        var token = o.BearerTokenSetting is { Length: > 0 } setting ? configuration[setting] : null;
        _client = new PrometheusClient(url, policy, TimeSpan.FromMilliseconds(o.TimeoutMs), token);
        MaxConcurrency = o.MaxConcurrency;
    }

    public bool Configured => _client is not null;

    public int MaxConcurrency { get; } = 1;

    public PrometheusClient Client => _client ?? throw new InvalidOperationException($"no Prometheus is configured ({PrometheusOptions.Section}:Url)");

    public void Dispose() => _client?.Dispose();
}
