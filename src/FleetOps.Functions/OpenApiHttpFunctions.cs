using FleetOps.Api;
using FleetOps.Api.Dashboard;
using FleetOps.Api.Metrics;
using FleetOps.Api.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FleetOps.Functions;

/// <summary>
/// Documents built once from the API itself (the OpenAPI document from the route table, the dashboard's page), and the
/// metrics scrape.
/// </summary>
public sealed class OpenApiHttpFunctions
{
    [Function("GetOpenApi")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.OpenApi)] HttpRequest request) => OpenApiDocument.Response();

    /// <summary>The live dashboard, behind the function key: open it as /api/dashboard?code=KEY.</summary>
    /// <summary>This instance's FleetOps meter in Prometheus' text format: scrape /api/metrics with the function key.</summary>
    [Function("GetMetrics")]
    public IActionResult GetMetrics(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Metrics)] HttpRequest request) => MetricsScrape.Response(request);

    [Function("GetDashboard")]
    public IActionResult GetDashboard(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Dashboard)] HttpRequest request) => DashboardPage.Response();
}
