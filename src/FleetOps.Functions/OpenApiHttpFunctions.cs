using FleetOps.Api;
using FleetOps.Api.Dashboard;
using FleetOps.Api.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FleetOps.Functions;

/// <summary>Documents built once from the API itself: the OpenAPI document (from the route table) and the dashboard's page.</summary>
public sealed class OpenApiHttpFunctions
{
    [Function("GetOpenApi")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.OpenApi)] HttpRequest request) => OpenApiDocument.Response();

    /// <summary>The live dashboard, behind the function key: open it as /api/dashboard?code=KEY.</summary>
    [Function("GetDashboard")]
    public IActionResult GetDashboard(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Dashboard)] HttpRequest request) => DashboardPage.Response();
}
