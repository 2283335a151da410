using FleetOps.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FleetOps.Functions;

/// <summary>HTTP triggers for notifier definitions: each only hands the request to the shared <see cref="NotifiersApi"/>.</summary>
public sealed class NotifierHttpFunctions(NotifiersApi api)
{
    [Function("ListNotifiers")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Notifiers)] HttpRequest request, CancellationToken cancellationToken) =>
        await api.ListAsync(cancellationToken);

    [Function("PutNotifier")]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.Notifier)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await api.PutAsync(name, request, cancellationToken);

    [Function("GetNotifier")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Notifier)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await api.GetAsync(name, request, cancellationToken);

    [Function("DeleteNotifier")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = Routes.Notifier)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await api.DeleteAsync(name, request, cancellationToken);

    [Function("TestNotifier")]
    public async Task<IActionResult> Test(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.NotifierTest)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await api.TestAsync(name, request, cancellationToken);
}
