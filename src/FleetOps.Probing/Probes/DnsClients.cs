using System.Collections.Concurrent;
using System.Net;
using DnsClient;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// LookupClients reused per resolver endpoint (they are thread-safe and cheap to keep), at most <see cref="MaxCached"/>:
/// a request naming thousands of resolvers gets a client per query beyond that, not an ever-growing cache.
/// </summary>
internal sealed class DnsClients
{
    public const int MaxCached = 64;

    private readonly ConcurrentDictionary<IPEndPoint, LookupClient> _byResolver = new();
    private readonly Lazy<LookupClient> _system = new(() => new LookupClient(Configure(new LookupClientOptions())));

    /// <summary>The machine's resolvers (resolv.conf), as the operator configured them.</summary>
    public LookupClient System => _system.Value;

    public LookupClient For(IPEndPoint resolver)
    {
        if (_byResolver.TryGetValue(resolver, out var client)) return client;
        client = new LookupClient(Configure(new LookupClientOptions(resolver)));
        return _byResolver.Count < MaxCached ? _byResolver.GetOrAdd(resolver, client) : client;
    }

    /// <summary>
    /// Per query: no cache (a probe must ask every time), no retries (the prober's attempts are the retries), DNS errors
    /// as answers rather than exceptions (an RCODE is a fact), and only the one server asked.
    /// </summary>
    public static T Configure<T>(T options, TimeSpan? timeout = null) where T : DnsQueryOptions
    {
        options.UseCache = false;
        options.Retries = 0;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        options.ContinueOnEmptyResponse = false;
        options.UseTcpFallback = true;
        options.Timeout = timeout ?? TimeSpan.FromMilliseconds(ProbeOptions.MaxTimeoutMs);
        return options;
    }
}
