using System.Text.Json.Nodes;
using FleetOps.Host.Engine;
using FleetOps.Testing;
using FleetOps.Workflows;
using FleetOps.Api;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask;

namespace FleetOps.Functions.Tests;

/// <summary>What the Functions host will see: the functions.metadata, extensions.json and worker.config.json the build wrote.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string Output = Path.GetDirectoryName(RepoPaths.ProjectOutput("FleetOps.Functions", "FleetOps.Functions.dll"))!;
    private static readonly JsonArray Functions = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "functions.metadata")))!.AsArray();

    private static JsonNode Function(string name) =>
        Functions.SingleOrDefault(f => f!["name"]!.GetValue<string>() == name) ?? throw new Xunit.Sdk.XunitException($"no function '{name}' in functions.metadata");

    private static JsonNode Trigger(JsonNode function) =>
        function["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;

    private static IEnumerable<JsonNode> HttpFunctions => Functions.Where(f => Trigger(f!)["type"]!.GetValue<string>() == "httpTrigger").Select(f => f!);

    /// <summary>
    /// The triggers' attributes stay literal (the SDK reads them to write functions.metadata), so this holds them to the
    /// route table: the same set of (name, verb, route), no more, no less.
    /// </summary>
    [Fact]
    public void The_http_functions_declare_exactly_the_route_table()
    {
        var declared = HttpFunctions
            .Select(f => $"{f["name"]!.GetValue<string>()} {string.Join(",", Trigger(f)["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()))} {Trigger(f)["route"]!.GetValue<string>()}")
            .Order().ToList();
        var table = Routes.Table.Select(r => $"{r.Name} {r.Method} {r.Template}").Order().ToList();
        Assert.Equal(table, declared);
    }

    [Fact]
    public void Every_http_function_but_the_heartbeats_needs_a_function_key_and_the_run_and_monitor_routes_have_the_durable_client()
    {
        // The heartbeat routes alone are anonymous: their token is the credential (the self-host exempts them from its key too).
        Assert.Equal([Routes.FailHeartbeat.Name, Routes.GetHeartbeat.Name, Routes.PostHeartbeat.Name],
            Routes.Table.Where(r => r.Anonymous).Select(r => r.Name).Order(StringComparer.Ordinal));
        ApiRoute[] engineRoutes = [Routes.StartSweep, Routes.StartRollout, Routes.PutMonitor, Routes.GetMonitor, Routes.DeleteMonitor, Routes.PauseMonitor, Routes.ResumeMonitor];
        foreach (var function in HttpFunctions)
        {
            var route = Routes.Named(function["name"]!.GetValue<string>())!;
            Assert.Equal(route.Anonymous ? "Anonymous" : "Function", Trigger(function)["authLevel"]!.GetValue<string>());
            if (route.Template.StartsWith("runs", StringComparison.Ordinal) || engineRoutes.Contains(route))
                Assert.Contains(function["bindings"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "durableClient");
        }
    }

    [Fact]
    public void Queue_trigger_listens_on_sweep_requests_with_the_shared_connection()
    {
        var trigger = Trigger(Function("SweepRequestsQueue"));
        Assert.Equal("queueTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal(SweepQueueHandler.QueueName, trigger["queueName"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", trigger["connection"]!.GetValue<string>());
    }

    [Fact]
    public void Queue_trigger_listens_on_rollout_requests_with_the_shared_connection()
    {
        var trigger = Trigger(Function("RolloutRequestsQueue"));
        Assert.Equal("queueTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal(Workflows.Rollouts.RolloutQueueHandler.QueueName, trigger["queueName"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", trigger["connection"]!.GetValue<string>());
    }

    [Fact]
    public void Queue_trigger_listens_on_alert_deliveries_with_the_shared_connection()
    {
        var trigger = Trigger(Function("AlertDeliveriesQueue"));
        Assert.Equal("queueTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal(Workflows.Alerts.AlertQueueHandler.QueueName, trigger["queueName"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", trigger["connection"]!.GetValue<string>());
    }

    [Fact]
    public void Orchestrators_and_activities_are_functions_named_as_the_workflows_call_them_and_registered_in_the_self_host()
    {
        string[] Names(string type) => Functions.Where(f => Trigger(f!)["type"]!.GetValue<string>() == type).Select(f => f!["name"]!.GetValue<string>()).Order().ToArray();
        var orchestrators = WorkflowCatalog.Orchestrators.Keys.Order().ToArray();
        var activities = WorkflowCatalog.Activities.Keys.Order().ToArray();
        Assert.Equal(orchestrators, Names("orchestrationTrigger"));
        Assert.Equal(activities, Names("activityTrigger"));

        var registry = new WorkflowRegistry();
        Assert.Equal(orchestrators, registry.Orchestrators.Keys.Order());
        Assert.Equal(activities, registry.Activities.Keys.Order());
    }

    [Fact]
    public void Every_orchestrator_and_activity_class_in_the_workflows_is_in_the_catalog()
    {
        var types = typeof(WorkflowCatalog).Assembly.GetTypes().Where(t => !t.IsAbstract).ToList();
        var orchestrators = types.Where(t => typeof(ITaskOrchestrator).IsAssignableFrom(t)).ToList();
        var activities = types.Where(t => typeof(ITaskActivity).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(orchestrators);
        Assert.Equal(orchestrators.OrderBy(t => t.Name), WorkflowCatalog.Orchestrators.Values.OrderBy(t => t.Name));
        Assert.Equal(activities.OrderBy(t => t.Name), WorkflowCatalog.Activities.Values.OrderBy(t => t.Name));
        // The name each class calls itself by (its Name constant) is the name it is registered under.
        foreach (var (name, type) in WorkflowCatalog.Orchestrators.Concat(WorkflowCatalog.Activities))
            Assert.Equal(name, type.GetField("Name")!.GetRawConstantValue());
    }

    [Fact]
    public void Build_output_has_the_extensions_and_worker_config_the_host_needs()
    {
        var extensions = File.ReadAllText(Path.Combine(Output, "extensions.json"));
        Assert.Contains("DurableTask", extensions, StringComparison.Ordinal);
        Assert.Contains("Storage", extensions, StringComparison.Ordinal);
        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "worker.config.json")))!;
        Assert.Equal("FleetOps.Functions.dll", worker["description"]!["defaultWorkerPath"]!.GetValue<string>());
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "host.json")))!;
        Assert.Equal("2.0", hostJson["version"]!.GetValue<string>());
        Assert.Equal(5, hostJson["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>());
    }
}
