using System.Text.Json.Nodes;
using FleetOps.Testing;
using static FleetOps.EndToEnd.Tests.RolloutKit;

namespace FleetOps.EndToEnd.Tests;

/// <summary>A real rollout that names a notifier: it hears the wait for approval and the completion, with the reason.</summary>
[Collection(AlertHostCollection.Name)]
public sealed class RolloutNotificationTests(AlertHostEnvironment env)
{
    [Fact]
    public async Task A_rollouts_notifier_hears_it_wait_for_approval_and_complete()
    {
        var notifier = "ops-" + Guid.NewGuid().ToString("N")[..8];
        await env.Api.PutOkAsync(notifier, $$"""{"kind":"webhook","url":"{{env.Receiver.BaseUrl}}/{{notifier}}"}""");
        await using var fleet = await FleetAsync(3);
        var id = await env.Api.StartRolloutAsync(Request(fleet, r =>
        {
            r["notifiers"] = Array(notifier);
            r["waves"] = Array(1, "100%");
            r["approval"] = new JsonObject { ["mode"] = "before-first" };
        }));

        await env.Receiver.UntilAsync(r => r.On("/" + notifier).Count == 1, 60, "waiting-approval heard");
        var waiting = env.Receiver.On("/" + notifier)[0].Json();
        Assert.Equal(("rollout.waiting-approval", "firing", "warning"), (waiting["event"]!.GetValue<string>(), waiting["status"]!.GetValue<string>(), waiting["severity"]!.GetValue<string>()));
        Assert.Equal(id, waiting["rollout"]!["runId"]!.GetValue<string>());
        Assert.Contains($"approval needed before wave 1 of 2 (POST /api/runs/{id}/approve", waiting["detail"]!.GetValue<string>());
        Assert.Equal(0, fleet.Applied()); // told before anything was done

        Assert.Equal(202, (await env.Api.ControlAsync(id, "approve", new { by = "alice", reason = "go" })).Status);
        var run = await env.Api.WaitForEndAsync(id, 90);
        Assert.Equal("completed", State(run));
        await env.Receiver.UntilAsync(r => r.On("/" + notifier).Count == 2, 60, "completed heard");
        var completed = env.Receiver.On("/" + notifier)[1].Json();
        Assert.Equal(("rollout.completed", "resolved"), (completed["event"]!.GetValue<string>(), completed["status"]!.GetValue<string>()));
        Assert.Equal((3, 3), (completed["rollout"]!["nodesDone"]!.GetValue<int>(), completed["rollout"]!["nodesTotal"]!.GetValue<int>()));
        Assert.Equal(waiting["incidentKey"]!.GetValue<string>(), completed["incidentKey"]!.GetValue<string>());
        Assert.NotEqual(waiting["id"]!.GetValue<string>(), completed["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rollout_naming_a_notifier_that_does_not_exist_is_a_400_naming_it()
    {
        await using var fleet = await FleetAsync(1);
        var stored = "ops-" + Guid.NewGuid().ToString("N")[..8];
        await env.Api.PutOkAsync(stored, $$"""{"kind":"webhook","url":"{{env.Receiver.BaseUrl}}/{{stored}}"}""");
        using var response = await env.Api.PostAsync(Request(fleet, r => r["notifiers"] = Array(stored, "nobody-here")));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int)response.StatusCode);
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("notifiers[1]", error!["field"]!.GetValue<string>());
        Assert.Contains("no notifier named 'nobody-here'", error["message"]!.GetValue<string>());
    }
}
