using FleetOps.Api;
using FleetOps.Api.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FleetOps.Functions;

/// <summary>The live dashboard's page, behind the function key (open it as /api/dashboard?code=KEY).</summary>
public sealed class DashboardHttpFunctions
{
    [Function("GetDashboard")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Dashboard)] HttpRequest request) => DashboardPage.Response();
}
