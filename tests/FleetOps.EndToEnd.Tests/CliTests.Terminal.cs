using System.Text.Json.Nodes;
using FleetOps.Simulator;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

public sealed partial class CliTests
{
    /// <summary>
    /// Under a terminal (`script` gives the CLI a pseudo-terminal), `watch` draws the live view: the waves table with
    /// box drawing, redrawn with cursor movement, that shows the rollout waiting for approval until it is approved.
    /// </summary>
    [Fact]
    public async Task Watch_under_a_terminal_draws_the_live_view_of_the_waves()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 3, NamePrefix = "tty-" });
        var request = RolloutKit.Request(fleet, r => r["approval"] = new JsonObject { ["mode"] = "before-first", ["timeoutSeconds"] = 120 });
        var id = await env.Api.StartRolloutAsync(request);
        await env.Api.WaitForStateAsync(id, "waiting-approval");

        await using var watch = ChildProcess.Start("script", ["-qec", $"dotnet {Cli} watch {id} --server {Server}", "/dev/null"],
            new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["COLUMNS"] = "120", ["LINES"] = "40" });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!watch.OutputContains("waiting for approval") && !watch.HasExited && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.True(watch.OutputContains("waiting for approval"), watch.Output(200));

        var (status, _) = await env.Api.ControlAsync(id, "approve", new { by = "tty" });
        Assert.Equal(202, status);
        await watch.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        var text = watch.Output(ChildProcess.MaxLines);
        Assert.True(watch.ExitCode == 0, text);
        Assert.Contains("\u001b[", text);      // ANSI: colour and cursor movement
        Assert.Contains("╭", text);            // rounded tables on a terminal
        Assert.Matches(@"│\s*1\s*│\s*1\s*│\s*done\s*│", text);
        Assert.Contains($"Rollout {id}: completed (Completed)", text);
    }
}
