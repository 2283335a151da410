namespace FleetOps.Host.Health;

/// <summary>
/// A request that needs storage while storage does not answer gets 503 problem+json with <c>Retry-After</c>, not a
/// 500 or a hang; the outage itself is logged once by <see cref="StorageHealth"/>.
/// </summary>
public sealed class StorageOutageMiddleware(RequestDelegate next, StorageHealth storage)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted && StorageFailures.IsUnavailable(e))
        {
            storage.ReportFailure();
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "5";
            await Api.Problems.Problem(503, "storage-unavailable", "Storage is unavailable",
                "storage: the storage account does not answer; the request was not carried out. Try again shortly.", context.Request.Path)
                .ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
