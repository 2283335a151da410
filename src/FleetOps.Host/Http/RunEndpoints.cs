using FleetOps.Api;
using FleetOps.Host.Engine;

namespace FleetOps.Host.Http;

/// <summary>The self-host's endpoints, mapped from the route table: one endpoint per row, named as the row.</summary>
public static class RunEndpoints
{
    public static void MapFleetOpsApi(this IEndpointRouteBuilder app)
    {
        foreach (var route in Routes.Table)
            app.MapMethods($"/{Routes.Prefix}/{route.Template}", [route.Method], context => HandleAsync(route, context)).WithName(route.Name);
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
