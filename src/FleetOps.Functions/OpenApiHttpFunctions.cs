using FleetOps.Api;
using FleetOps.Api.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FleetOps.Functions;

/// <summary>The OpenAPI document, generated from the route table.</summary>
public sealed class OpenApiHttpFunctions
{
    [Function("GetOpenApi")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.OpenApi)] HttpRequest request) => OpenApiDocument.Response();
}
