using FleetOps.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FleetOps.Functions;

/// <summary>HTTP triggers for stored inventories: each only hands the request to the shared <see cref="InventoriesApi"/>.</summary>
public sealed class InventoryHttpFunctions(InventoriesApi api)
{
    [Function("ListInventories")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Inventories)] HttpRequest request, CancellationToken cancellationToken) =>
        await api.ListAsync(cancellationToken);

    [Function("PutInventory")]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.Inventory)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await api.PutAsync(name, request, cancellationToken);

    [Function("GetInventory")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Inventory)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await api.GetAsync(name, request, cancellationToken);

    [Function("DeleteInventory")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = Routes.Inventory)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await api.DeleteAsync(name, request, cancellationToken);

    [Function("ListInventoryHosts")]
    public async Task<IActionResult> Hosts(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.InventoryHosts)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        await api.HostsAsync(name, request, cancellationToken);
}
