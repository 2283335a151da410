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

    [Theory]
    [InlineData("StartSweep", "post", Routes.Sweeps)]
    [InlineData("ListRuns", "get", Routes.Runs)]
    [InlineData("GetRun", "get", Routes.Run)]
    [InlineData("GetRunReport", "get", Routes.RunReport)]
    [InlineData("CancelRun", "post", Routes.RunCancel)]
    [InlineData("ListInventories", "get", Routes.Inventories)]
    [InlineData("PutInventory", "put", Routes.Inventory)]
    [InlineData("GetInventory", "get", Routes.Inventory)]
    [InlineData("DeleteInventory", "delete", Routes.Inventory)]
    [InlineData("StartRollout", "post", Routes.Rollouts)]
    [InlineData("ApproveRun", "post", Routes.RunApprove)]
    [InlineData("RejectRun", "post", Routes.RunReject)]
    [InlineData("PauseRun", "post", Routes.RunPause)]
    [InlineData("ResumeRun", "post", Routes.RunResume)]
    [InlineData("RetuneRun", "post", Routes.RunRetune)]
    public void Http_functions_declare_the_shared_routes_and_methods(string name, string method, string route)
    {
        var trigger = Trigger(Function(name));
        Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal(route, trigger["route"]!.GetValue<string>());
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("Function", trigger["authLevel"]!.GetValue<string>());
        if (route.StartsWith("runs", StringComparison.Ordinal) || route == Routes.Sweeps || route == Routes.Rollouts)
            Assert.Contains(Function(name)["bindings"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "durableClient");
    }

    [Fact]
    public void Every_http_route_of_the_self_host_is_a_function_and_no_more()
    {
        var routes = Functions.Select(f => Trigger(f!)).Where(t => t["type"]!.GetValue<string>() == "httpTrigger")
            .Select(t => t["route"]!.GetValue<string>()).Distinct().Order().ToList();
        var shared = typeof(Routes).GetFields().Where(f => f.IsLiteral && f.Name != nameof(Routes.Prefix)).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();
        Assert.Equal(shared, routes);
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
