using FleetOps.Simulator;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>The `fleetops` commands as a user runs them: real processes, exit codes, files on disk.</summary>
public sealed class CliTests(SelfHostEnvironment env) : IClassFixture<SelfHostEnvironment>
{
    private static readonly string Cli = RepoPaths.ProjectOutput("FleetOps.Cli", "fleetops.dll");

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        await using var process = ChildProcess.Start("dotnet", [Cli, .. args]);
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        return (process.ExitCode, process.Output(200));
    }

    [Fact]
    public async Task Demo_runs_the_main_job_and_writes_the_report()
    {
        var output = Directory.CreateTempSubdirectory("demo").FullName;
        var (exit, text) = await RunAsync("demo", "--nodes", "60", "--out", output);
        Assert.True(exit == 0, text);
        Assert.Contains("60 simulated nodes", text);
        Assert.Contains(": Completed", text);
        Assert.Contains("Full report:", text);
        Assert.Matches(@"Rollout \w+: completed \(Completed\)", text);
        Assert.Single(Directory.GetFiles(output, "sweep-*.html"));
        Assert.Single(Directory.GetFiles(output, "rollout-*.json"));
        Assert.Single(Directory.GetFiles(output, "sweep-*.json"));
    }

    [Fact]
    public async Task Sweep_posts_a_targets_file_to_a_server_and_saves_its_reports()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 8, Down = 0.25 });
        var dir = Directory.CreateTempSubdirectory("sweep").FullName;
        var targets = Path.Combine(dir, "targets.json");
        await File.WriteAllTextAsync(targets, fleet.ToTargetsJson());
        var (exit, text) = await RunAsync("sweep", targets, "--server", env.Host.BaseAddress.ToString(), "--check", "tcp", "--out", dir);
        Assert.True(exit == 0, text);
        Assert.Matches(@"all\s+8\s+6\s+2", text);
        Assert.Single(Directory.GetFiles(dir, "sweep-*.md"));
    }

    [Fact]
    public async Task Sweep_reports_a_refused_request_with_the_servers_reason()
    {
        var dir = Directory.CreateTempSubdirectory("bad").FullName;
        var targets = Path.Combine(dir, "targets.json");
        await File.WriteAllTextAsync(targets, """[{"name":"a","address":"127.0.0.1:99999"}]""");
        var (exit, text) = await RunAsync("sweep", targets, "--server", env.Host.BaseAddress.ToString());
        Assert.Equal(2, exit);
        Assert.Contains("targets[0].address", text);
    }

    [Fact]
    public async Task Rollout_follows_a_rollout_that_run_approve_lets_through()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 4, NamePrefix = "cli-" });
        var id = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var dir = Directory.CreateTempSubdirectory("rollout").FullName;
        var request = Path.Combine(dir, "rollout.json");
        await File.WriteAllTextAsync(request, RolloutKit.Request(fleet, r =>
        {
            r["requestId"] = id;
            r["approval"] = new System.Text.Json.Nodes.JsonObject { ["mode"] = "before-first", ["timeoutSeconds"] = 120 };
        }));
        var server = env.Host.BaseAddress.ToString();
        await using var follower = ChildProcess.Start("dotnet", [Cli, "rollout", request, "--server", server, "--out", dir]);
        await env.Api.WaitForStateAsync(id, "waiting-approval");

        var (exit, text) = await RunAsync("run", id, "approve", "--by", "alice", "--reason", "looks good", "--server", server);
        Assert.True(exit == 0, text);
        await follower.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        Assert.True(follower.ExitCode == 0, follower.Output(100));
        Assert.Contains("completed (Completed)", follower.Output(100));
        Assert.Contains("alice", follower.Output(100));
        Assert.All(fleet.Nodes, n => Assert.Equal(1, fleet.ActionsApplied(n.Name)));

        (exit, text) = await RunAsync("run", id, "approve", "--server", server);
        Assert.Equal(1, exit);
        Assert.Contains("409", text);
        (exit, text) = await RunAsync("run", id, "status", "--server", server);
        Assert.True(exit == 0, text);
        Assert.Contains("\"kind\": \"rollout\"", text);
    }

    /// <summary>Whatever a run id holds, `run` sends it as one path segment: it reaches the route it names and arrives intact.</summary>
    [Theory]
    [InlineData("a/b?c#d%e f")]
    [InlineData("x/cancel")]
    [InlineData("a%2Fb")]
    public async Task Run_sends_any_id_escaped_and_the_server_names_it_as_it_was(string id)
    {
        var server = env.Host.BaseAddress.ToString();
        foreach (var action in new[] { "status", "approve", "cancel" })
        {
            var (exit, text) = await RunAsync("run", id, action, "--server", server);
            Assert.True(exit == 1, text);
            Assert.Contains($"{action} refused (404): id: no run has id '{id}'", text);
        }
    }

    [Fact]
    public async Task Unknown_commands_and_options_exit_2_with_usage()
    {
        var (exit, text) = await RunAsync("sweeep");
        Assert.Equal(2, exit);
        Assert.Contains("usage:", text);
        (exit, text) = await RunAsync("demo", "--nodez", "5");
        Assert.Equal(2, exit);
        Assert.Contains("--nodez", text);
    }
}
