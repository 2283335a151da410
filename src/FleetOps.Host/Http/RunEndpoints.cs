using FleetOps.Host.Engine;
using FleetOps.Api;

namespace FleetOps.Host.Http;

/// <summary>The self-host's thin endpoints: the same routes and handlers as the Functions app.</summary>
public static class RunEndpoints
{
    public static void MapFleetOpsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + Routes.Prefix);
        api.MapPost(Routes.Sweeps, (HttpRequest request, RunsApi runs, EngineRuntime engine, CancellationToken ct) =>
            runs.StartSweepAsync(request, engine.Client, ct));
        api.MapGet(Routes.Runs, (HttpRequest request, RunsApi runs, EngineRuntime engine, CancellationToken ct) =>
            runs.ListRunsAsync(request, engine.Client, ct));
        api.MapGet(Routes.Run, (string id, RunsApi runs, EngineRuntime engine, CancellationToken ct) =>
            runs.GetRunAsync(id, engine.Client, ct));
        api.MapGet(Routes.RunReport, (string id, HttpRequest request, ReportsApi reports, EngineRuntime engine, CancellationToken ct) =>
            reports.GetReportAsync(id, request, engine.Client, ct));
        api.MapPost(Routes.RunCancel, (string id, RunsApi runs, EngineRuntime engine, CancellationToken ct) =>
            runs.CancelAsync(id, engine.Client, ct));
        api.MapGet(Routes.Inventories, (InventoriesApi inventories, CancellationToken ct) => inventories.ListAsync(ct));
        api.MapPut(Routes.Inventory, (string name, HttpRequest request, InventoriesApi inventories, CancellationToken ct) =>
            inventories.PutAsync(name, request, ct));
        api.MapGet(Routes.Inventory, (string name, HttpRequest request, InventoriesApi inventories, CancellationToken ct) =>
            inventories.GetAsync(name, request, ct));
        api.MapDelete(Routes.Inventory, (string name, HttpRequest request, InventoriesApi inventories, CancellationToken ct) =>
            inventories.DeleteAsync(name, request, ct));
        api.MapPost(Routes.Rollouts, (HttpRequest request, RolloutsApi rollouts, EngineRuntime engine, CancellationToken ct) =>
            rollouts.StartAsync(request, engine.Client, ct));
        api.MapPost(Routes.RunApprove, (string id, HttpRequest request, RolloutsApi rollouts, EngineRuntime engine, CancellationToken ct) =>
            rollouts.DecideAsync(id, approve: true, request, engine.Client, ct));
        api.MapPost(Routes.RunReject, (string id, HttpRequest request, RolloutsApi rollouts, EngineRuntime engine, CancellationToken ct) =>
            rollouts.DecideAsync(id, approve: false, request, engine.Client, ct));
        api.MapPost(Routes.RunPause, (string id, HttpRequest request, RolloutsApi rollouts, EngineRuntime engine, CancellationToken ct) =>
            rollouts.PauseAsync(id, request, engine.Client, ct));
        api.MapPost(Routes.RunResume, (string id, HttpRequest request, RolloutsApi rollouts, EngineRuntime engine, CancellationToken ct) =>
            rollouts.ResumeAsync(id, request, engine.Client, ct));
        api.MapPost(Routes.RunRetune, (string id, HttpRequest request, RolloutsApi rollouts, EngineRuntime engine, CancellationToken ct) =>
            rollouts.RetuneAsync(id, request, engine.Client, ct));
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
    }
}
