using System.Diagnostics;
using FleetOps.Simulator;
using FleetOps.Testing;
using Xunit.Abstractions;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// SIGTERM stops the self-host within its shutdown timeout, with storage or without it, and exits 0. The bound is a
/// liveness bound on a process (it must not hang), not a performance figure: the margin is generous.
/// </summary>
public sealed class ShutdownTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task Sigterm_with_storage_unreachable_in_the_middle_of_a_sweep_exits_0_within_the_shutdown_timeout()
    {
        await using var storage = await Azurite.StartAsync();
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 200, Slow = 0.5, SlowDelay = TimeSpan.FromMilliseconds(500) });
        await using var host = await HostProcess.StartAsync(storage.ConnectionString, "stop" + Guid.NewGuid().ToString("N")[..8], extraEnvironment: Environment());
        var api = new RunsClient(host.CreateClient());
        var id = await api.StartSweepAsync(RunsClient.SweepJson(fleet.ToTargetsJson(), new { batchSize = 10, concurrency = 2 }));
        await api.WaitForRunAsync(id, TimeSpan.FromSeconds(120), r => r["progress"]?["batchesDone"]?.GetValue<int>() >= 2);

        await storage.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(5)); // the engine and the listeners are now failing against a dead endpoint
        var exited = await TerminateAndTimeAsync(host);

        Assert.True(exited < ShutdownTimeout + Margin, $"still running {exited} after SIGTERM\n{host.Process.Output()}");
        output.WriteLine($"exited {exited.TotalSeconds:0.0} s after SIGTERM with code {host.Process.ExitCode}\n{host.Process.Output(30)}");
        Assert.Equal(0, host.Process.ExitCode);
        Assert.False(host.Process.OutputContains("Unhandled exception"), host.Process.Output());
    }

    [Fact]
    public async Task Sigterm_with_storage_exits_0_and_logs_no_exception()
    {
        await using var storage = await Azurite.StartAsync();
        await using var host = await HostProcess.StartAsync(storage.ConnectionString, "stop" + Guid.NewGuid().ToString("N")[..8], extraEnvironment: Environment());
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var exited = await TerminateAndTimeAsync(host);
        Assert.True(exited < ShutdownTimeout + Margin, $"still running {exited} after SIGTERM\n{host.Process.Output()}");
        Assert.Equal(0, host.Process.ExitCode);
        Assert.True(host.Process.OutputContains("Engine stopped"), host.Process.Output());
        Assert.False(host.Process.OutputContains("Exception"), host.Process.Output());
    }

    private static Dictionary<string, string?> Environment() => new()
    {
        ["FleetOps__ShutdownTimeout"] = ShutdownTimeout.ToString(),
        ["FleetOps__Engine__MaxConcurrentActivities"] = "2",
    };

    private static async Task<TimeSpan> TerminateAndTimeAsync(HostProcess host)
    {
        var watch = Stopwatch.StartNew();
        await host.Process.TerminateAsync();
        using var cts = new CancellationTokenSource(ShutdownTimeout + Margin + TimeSpan.FromSeconds(30));
        try { await host.Process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { }
        return host.Process.HasExited ? watch.Elapsed : TimeSpan.MaxValue;
    }
}
