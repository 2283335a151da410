using FleetOps.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FleetOps.Functions;

/// <summary>
/// The heartbeat routes, the only anonymous functions: the token in the path is the credential (a cron job or a
/// script pings it without a function key). Each hands the request to the shared <see cref="HeartbeatsApi"/>.
/// </summary>
public sealed class HeartbeatFunctions(HeartbeatsApi api)
{
    [Function("PostHeartbeat")]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Heartbeat)] HttpRequest request, string token, CancellationToken cancellationToken) =>
        await api.BeatAsync(token, cancellationToken);

    [Function("GetHeartbeat")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Heartbeat)] HttpRequest request, string token, CancellationToken cancellationToken) =>
        await api.BeatAsync(token, cancellationToken);

    [Function("FailHeartbeat")]
    public async Task<IActionResult> Fail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.HeartbeatFail)] HttpRequest request, string token, CancellationToken cancellationToken) =>
        await api.FailAsync(token, request, cancellationToken);
}
