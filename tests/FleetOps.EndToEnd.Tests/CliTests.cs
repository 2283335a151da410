using System.Text.Json.Nodes;
using FleetOps.Simulator;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// The `fleetops` commands as a user runs them: real processes, exit codes, files on disk. Their stdout is a pipe
/// here, so they print plain lines and ASCII tables (no escape codes); <see cref="Watch_under_a_terminal_draws_the_live_view_of_the_waves"/>
/// gives one a terminal.
/// </summary>
public sealed partial class CliTests(SelfHostEnvironment env) : IClassFixture<SelfHostEnvironment>
{
    private static readonly string Cli = RepoPaths.ProjectOutput("FleetOps.Cli", "fleetops.dll");

    private string Server => env.Host.BaseAddress.ToString();

    private sealed record Run(int Exit, string Output, IReadOnlyList<string> Errors)
    {
        public override string ToString() => $"exit {Exit}\n{Output}";
    }

    private static async Task<Run> RunAsync(params string[] args)
    {
        await using var process = ChildProcess.Start("dotnet", [Cli, .. args]);
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        return new Run(process.ExitCode, process.Output(ChildProcess.MaxLines), process.ErrorLines);
    }

    private static void NoEscapeCodes(Run run) => Assert.False(run.Output.Contains('\u001b'), $"escape codes in piped output:\n{run.Output}");

    [Fact]
    public async Task Demo_runs_the_main_job_and_writes_the_report()
    {
        var output = Directory.CreateTempSubdirectory("demo").FullName;
        var run = await RunAsync("demo", "--nodes", "60", "--out", output);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("60 simulated nodes", run.Output);
        Assert.Contains(": Completed", run.Output);
        Assert.Contains("Full report:", run.Output);
        Assert.Matches(@"Rollout \w+: completed \(Completed\)", run.Output);
        NoEscapeCodes(run);
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
        var run = await RunAsync("sweep", targets, "--server", Server, "--check", "tcp", "--out", dir);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Matches(@"\|\s*all\s*\|\s*8\s*\|\s*6\s*\|\s*2\s*\|", run.Output);
        NoEscapeCodes(run);
        Assert.Single(Directory.GetFiles(dir, "sweep-*.md"));
    }

    [Fact]
    public async Task Sweep_reports_a_refused_request_on_one_line_with_the_servers_reason_and_exits_3()
    {
        var dir = Directory.CreateTempSubdirectory("bad").FullName;
        var targets = Path.Combine(dir, "targets.json");
        await File.WriteAllTextAsync(targets, """[{"name":"a","address":"127.0.0.1:99999"}]""");
        var run = await RunAsync("sweep", targets, "--server", Server);
        Assert.True(run.Exit == 3, run.ToString());
        var line = Assert.Single(run.Errors);
        Assert.StartsWith("fleetops: sweep refused (400): ", line);
        Assert.Contains("targets[0].address", line);
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
            r["approval"] = new JsonObject { ["mode"] = "before-first", ["timeoutSeconds"] = 120 };
        }));
        await using var follower = ChildProcess.Start("dotnet", [Cli, "rollout", request, "--server", Server, "--out", dir]);
        await env.Api.WaitForStateAsync(id, "waiting-approval");

        var run = await RunAsync("run", id, "approve", "--by", "alice", "--reason", "looks good", "--server", Server);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains($"{id}: approved", run.Output);
        await follower.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        var followed = follower.Output(ChildProcess.MaxLines);
        Assert.True(follower.ExitCode == 0, followed);
        Assert.Contains("waiting-approval", followed);
        Assert.Contains("completed (Completed)", followed);
        Assert.Contains("alice", followed);
        Assert.Matches(@"\|\s*1\s*\|\s*1\s*\|\s*done\s*\|\s*1\s*\|\s*0\s*\|\s*1\s*\|", followed);
        Assert.All(fleet.Nodes, n => Assert.Equal(1, fleet.ActionsApplied(n.Name)));
        Assert.Single(Directory.GetFiles(dir, $"rollout-{id}.json"));

        run = await RunAsync("run", id, "approve", "--server", Server);
        Assert.True(run.Exit == 3, run.ToString());
        Assert.StartsWith($"fleetops: approve refused (409): id: rollout '{id}' is completed", Assert.Single(run.Errors));
        run = await RunAsync("run", id, "status", "--json", "--server", Server);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("\"kind\": \"rollout\"", run.Output);
        run = await RunAsync("run", id, "status", "--server", Server);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Matches(@"status\s+Completed \(completed\)", run.Output);
        run = await RunAsync("runs", "--kind", "rollout", "--server", Server);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Matches($@"\|\s*{id}\s*\|\s*rollout\s*\|\s*Completed \(completed\)\s*\|", run.Output);
    }

    /// <summary>A halted rollout ends with the runtime status Completed: the CLI judges it by the rollout's state, so it exits 1.</summary>
    [Fact]
    public async Task A_rollout_that_halts_exits_1_and_says_why()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 4, NamePrefix = "halt-", ActionFailures = 1 });
        var dir = Directory.CreateTempSubdirectory("halt").FullName;
        var request = Path.Combine(dir, "rollout.json");
        await File.WriteAllTextAsync(request, RolloutKit.Request(fleet, r => r["action"]!["retries"] = 0));
        var run = await RunAsync("rollout", request, "--server", Server, "--out", dir);
        Assert.True(run.Exit == 1, run.ToString());
        Assert.Matches(@"Rollout \S+: halted \(Completed\): action failures", run.Output);
        Assert.Matches(@"\|\s*1\s*\|\s*1\s*\|\s*halted\s*\|\s*0\s*\|\s*1\s*\|", run.Output);
        Assert.Matches(@"\|\s*2\s*\|\s*\d+\s*\|\s*not started\s*\|", run.Output);
    }

    /// <summary>Whatever a run id holds, `run` sends it as one path segment: it reaches the route it names and arrives intact.</summary>
    [Theory]
    [InlineData("a/b?c#d%e f")]
    [InlineData("x/cancel")]
    [InlineData("a%2Fb")]
    public async Task Run_sends_any_id_escaped_and_the_server_names_it_as_it_was(string id)
    {
        foreach (var action in new[] { "status", "approve", "cancel" })
        {
            var run = await RunAsync("run", id, action, "--server", Server);
            Assert.True(run.Exit == 3, run.ToString());
            Assert.StartsWith($"fleetops: {action} refused (404): id: no run has id '{id}'", Assert.Single(run.Errors));
        }
    }

    [Fact]
    public async Task Watch_follows_a_sweep_started_with_no_wait_to_its_summary()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 6, NamePrefix = "watch-" });
        var dir = Directory.CreateTempSubdirectory("watch").FullName;
        var targets = Path.Combine(dir, "targets.json");
        await File.WriteAllTextAsync(targets, fleet.ToTargetsJson());
        var started = await RunAsync("sweep", targets, "--server", Server, "--no-wait");
        Assert.True(started.Exit == 0, started.ToString());
        var id = started.Output.Trim();
        Assert.NotNull(await env.Api.GetRunAsync(id));

        var run = await RunAsync("watch", id, "--server", Server);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains($"Run {id}: Completed", run.Output);
        Assert.Matches(@"\|\s*all\s*\|\s*6\s*\|\s*6\s*\|\s*0\s*\|", run.Output);
        NoEscapeCodes(run);
    }

    [Fact]
    public async Task Inventories_are_stored_listed_described_and_deleted()
    {
        var name = "cli-inv-" + Guid.NewGuid().ToString("N")[..6];
        var file = Path.Combine(Directory.CreateTempSubdirectory("inv").FullName, "hosts.ini");
        await File.WriteAllTextAsync(file, "[web]\nweb-[1:3] ansible_host=127.0.0.1 ansible_port=9\n[db]\ndb-1 ansible_host=127.0.0.1 ansible_port=9\n");

        var run = await RunAsync("inventories", "put", name, file, "--format", "ansible-ini", "--server", Server);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains($"stored inventory {name}: ansible-ini, 4 hosts", run.Output);
        run = await RunAsync("inventories", "list", "--server", Server);
        Assert.Contains(name, run.Output.Split('\n', StringSplitOptions.TrimEntries));
        run = await RunAsync("inventories", "list", "--long", "--server", Server);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Matches($@"\|\s*{name}\s*\|\s*ansible-ini\s*\|\s*4\s*\|\s*[a-z, ]*web", run.Output);
        run = await RunAsync("inventories", "get", name, "--selector", " group=web ", "--server", Server);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("the selector picks 3", run.Output);
        run = await RunAsync("inventories", "delete", name, "--server", Server);
        Assert.True(run.Exit == 0, run.ToString());

        run = await RunAsync("inventories", "get", name, "--server", Server);
        Assert.True(run.Exit == 3, run.ToString());
        Assert.Equal($"fleetops: inventories get refused (404): name: no inventory named '{name}'", Assert.Single(run.Errors));
        run = await RunAsync("inventories", "put", name, file, "--format", "file-sd", "--server", Server);
        Assert.True(run.Exit == 3, run.ToString());
        Assert.StartsWith("fleetops: inventories put refused (400): ", Assert.Single(run.Errors));
    }

    [Fact]
    public async Task Unknown_commands_and_options_exit_2_with_usage()
    {
        var run = await RunAsync("sweeep");
        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains("Usage:", run.Output);
        run = await RunAsync("demo", "--nodez", "5");
        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains("--nodez", run.Output);
    }
}
