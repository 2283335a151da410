using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Api;

/// <summary>What a host hands to a route's handler: the request, its path values (unescaped), the engine's client.</summary>
public sealed record ApiCall(HttpRequest Request, IReadOnlyDictionary<string, string> Values, DurableTaskClient Client, CancellationToken Ct)
{
    public string this[string parameter] => Values[parameter];

    public T Service<T>() where T : notnull => Request.HttpContext.RequestServices.GetRequiredService<T>();
}
