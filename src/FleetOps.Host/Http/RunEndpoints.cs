using FleetOps.Api;
using FleetOps.Host.Engine;

namespace FleetOps.Host.Http;

/// <summary>
/// The self-host's endpoints, mapped from the route table: one endpoint per row, named as the row; and the dashboard's
/// page at <see cref="DashboardRoot"/> too, handled as its row (same query rules, same key).
/// </summary>
public static class RunEndpoints
{
    public const string DashboardRoot = "/";

    public static void MapFleetOpsApi(this IEndpointRouteBuilder app)
    {
        foreach (var route in Routes.Table)
            app.MapMethods($"/{Routes.Prefix}/{route.Template}", [route.Method], context => HandleAsync(route, context)).WithName(route.Name);
        app.MapGet(DashboardRoot, context => HandleAsync(Routes.GetDashboard, context));
        app.MapGet(Health.HealthEndpoints.LivenessPath, () => Results.Ok(new { status = "ok" }));
    }

    private static async Task HandleAsync(ApiRoute route, HttpContext context)
    {
        var request = context.Request;
        // What every route checks about its query string; the handler reads the parameters it takes.
        var response = QueryReader.For(request, route).Problem(request.Path.Value)
            ?? await route.Handle(new ApiCall(request, RawRouteValues.Read(route, context), context.RequestServices.GetRequiredService<EngineRuntime>().Client, context.RequestAborted))
                .ConfigureAwait(false);
        await response.ExecuteAsync(context).ConfigureAwait(false);
    }
}
