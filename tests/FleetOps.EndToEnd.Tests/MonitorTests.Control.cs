using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FleetOps.Api;
using FleetOps.Api.Client;
using FleetOps.Simulator;

namespace FleetOps.EndToEnd.Tests;

/// <summary>Pause, resume and delete; heartbeats; bad definitions.</summary>
public sealed partial class MonitorTests
{
    [Fact]
    public async Task Pause_stops_probing_resume_starts_it_again_and_delete_ends_the_orchestration()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 3 });
        var name = MonitorKit.Name("ctl");
        await env.Api.Client.PutMonitorAsync(name, MonitorKit.Definition(MonitorKit.Targets(fleet), interval: "1s").ToJsonString());
        await UpAsync(name, 3);

        var paused = await env.Api.Client.SetMonitorPausedAsync(name, paused: true);
        Assert.True(paused["paused"]!.GetValue<bool>());
        var idle = await MonitorKit.UntilAsync(async () => (await env.Api.Client.GetMonitorAsync(name)) is { } m && m["runtime"]!.Str("phase") == "paused" ? m : null,
            TimeSpan.FromSeconds(30), "paused");
        Assert.Equal("paused", idle.Str("state"));
        // Between cycles the status keeps the last cycle's lateness (the monitor bench reads every cycle's from it).
        Assert.NotNull(idle["runtime"]!["latenessSeconds"]);
        var (probes, cycle) = (fleet.HealthRequests, idle["runtime"]!["cycle"]!.GetValue<long>());
        await Task.Delay(TimeSpan.FromSeconds(4)); // four intervals
        Assert.Equal(probes, fleet.HealthRequests);
        Assert.Equal(cycle, (await env.Api.Client.GetMonitorAsync(name))!["runtime"]!["cycle"]!.GetValue<long>());

        await env.Api.Client.SetMonitorPausedAsync(name, paused: false);
        await MonitorKit.CyclesAsync(env.Api, name, 2, TimeSpan.FromSeconds(60));
        Assert.True(fleet.HealthRequests > probes);
        var kinds = (await MonitorKit.EventsAsync(env.Api, name)).Select(e => e.Str("kind")).ToList();
        Assert.Equal(["created", "paused", "resumed"], kinds.Where(k => k is "created" or "paused" or "resumed"));

        Assert.True(await env.Api.Client.DeleteMonitorAsync(name));
        Assert.Null(await env.Api.Client.GetMonitorAsync(name));
        Assert.False(await env.Api.Client.DeleteMonitorAsync(name));
        var instances = new TableClient(env.Storage.ConnectionString, env.HubName + "Instances");
        await MonitorKit.UntilAsync(async () =>
            (await instances.GetEntityIfExistsAsync<TableEntity>($"monitor:{name}", "")).Value?.GetString("RuntimeStatus") == "Completed" ? "" : null,
            TimeSpan.FromSeconds(30), "the monitor's orchestration completed");
        probes = fleet.HealthRequests;
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(probes, fleet.HealthRequests);
    }

    [Fact]
    public async Task A_heartbeat_is_up_while_beats_come_down_when_they_stop_up_on_the_next_and_its_token_dies_with_it()
    {
        var name = MonitorKit.Name("hb");
        var definition = new JsonObject
        {
            ["heartbeat"] = new JsonObject { ["period"] = "4s", ["grace"] = "2s" },
            ["notifiers"] = new JsonArray(new JsonObject { ["name"] = "ops" }),
        };
        var put = await env.Api.Client.PutMonitorAsync(name, definition.ToJsonString());
        var token = put.Str("heartbeatToken")!;
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token); // 256 bits, base64url
        Assert.DoesNotContain(token, (await env.Api.Client.GetMonitorAsync(name))!.ToJsonString()); // shown once, never again

        // Beats every second for a while: up, and it stays up.
        using var beating = new CancellationTokenSource();
        var beats = Task.Run(async () =>
        {
            while (!beating.IsCancellationRequested)
            {
                await env.Api.Client.BeatAsync(token);
                await Task.Delay(1000);
            }
        });
        await UpAsync(name, 1);
        await MonitorKit.CyclesAsync(env.Api, name, 4, TimeSpan.FromSeconds(60));
        Assert.Equal(1, (await env.Api.Client.GetMonitorAsync(name))!["counts"]!["up"]!.GetValue<int>());
        await beating.CancelAsync();
        await beats;

        // No beat for period + grace: down, and an alert.
        var down = await MonitorKit.UntilAsync(async () => (await env.Alerts.ReadAsync(name)).FirstOrDefault(), TimeSpan.FromSeconds(60), "a down alert");
        Assert.Equal(("down", name), (down["alert"]!.Str("kind"), down["alert"]!.Str("target")));
        Assert.Contains("no beat within", down["alert"]!.Str("error"));
        Assert.Equal(1, (await env.Api.Client.GetMonitorAsync(name))!["counts"]!["down"]!.GetValue<int>());

        // A GET beat (as from curl or a cron job's wget) brings it back.
        using (var beat = await env.Api.Http.GetAsync($"/api/heartbeats/{token}"))
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        await MonitorKit.UntilAsync(async () => (await env.Alerts.ReadAsync(name)).Skip(1).FirstOrDefault(), TimeSpan.FromSeconds(60), "an up alert");
        Assert.Equal(["down", "up"], (await env.Alerts.ReadAsync(name)).Select(m => m["alert"]!.Str("kind")));

        Assert.True(await env.Api.Client.DeleteMonitorAsync(name));
        using var after = await env.Api.Http.PostAsync($"/api/heartbeats/{token}", null);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.DoesNotContain(token, await after.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"failureThreshold":0}""", "failureThreshold")]
    [InlineData("""{"schedule":"*/5 * * * *"}""", "schedule")]
    [InlineData("""{"notifiers":[{"name":"ops","repeatEvery":"10s"}]}""", "notifiers[0].repeatEvery")]
    [InlineData("""{"maintenance":[{"cron":"0 2 * * SUN"}]}""", "maintenance[0].duration")]
    [InlineData("""{"intervall":"10s"}""", "intervall")]
    public async Task A_bad_definition_is_a_400_problem_naming_the_field_and_stores_nothing(string change, string field)
    {
        var name = MonitorKit.Name("bad");
        var body = MonitorKit.Definition(new JsonArray(new JsonObject { ["name"] = "a", ["address"] = "127.0.0.1:9" }));
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject()) body[key] = value?.DeepClone();
        using var response = await env.Api.SendAsync(Routes.PutMonitor, [name], FleetOpsApiClient.Json(body.ToJsonString()));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(JsonNode.Parse(text)!["errors"]!.AsArray(), e => e!.Str("field") == field);
        Assert.Null(await env.Api.Client.GetMonitorAsync(name));
    }

    private Task<JsonNode> UpAsync(string name, int targets) =>
        MonitorKit.UntilAsync(async () => (await env.Api.Client.GetMonitorAsync(name)) is { } m && m["counts"]!["up"]!.GetValue<int>() == targets ? m : null,
            TimeSpan.FromSeconds(60), $"{targets} targets of {name} up");
}
