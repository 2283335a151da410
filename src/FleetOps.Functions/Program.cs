using Azure.Core.Serialization;
using FleetOps.Core;
using FleetOps.Api;
using FleetOps.Workflows;
using FleetOps.Workflows.Hosting;
using FleetOps.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<FleetOps.Functions.HttpEdgeMiddleware>();
builder.Services.AddFleetOpsApi(builder.Configuration);
builder.Services.AddFleetOpsTelemetry(builder.Configuration);
builder.Services.AddSingleton(_ => HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json")));
// Orchestration payloads in the same JSON shape as the self-host's engine.
builder.Services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(FleetOpsJson.Options));
var app = builder.Build();
// Settings are validated at start-up (ValidateOnStart): a bad one stops the worker with one line naming it.
if (SettingsCheck.Problem(app.Services) is { } problem)
{
    Console.Error.WriteLine($"fleetops-functions: {problem}");
    return 1;
}
app.Run();
return 0;
