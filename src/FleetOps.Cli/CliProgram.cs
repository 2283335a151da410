using FleetOps.Cli.Commands;

namespace FleetOps.Cli;

/// <summary>Entry point of <c>fleetops</c>.</summary>
public static class CliProgram
{
    private const string Usage = "usage:\n" + DemoCommand.Usage + "\n" + SweepCommand.Usage + "\n" + RolloutCommand.Usage + "\n" + RunControlCommand.Usage + "\n" + BenchCommand.Usage;

    public static async Task<int> Main(string[] argv)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        if (argv.Length == 0 || argv[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return argv.Length == 0 ? 2 : 0;
        }
        try
        {
            var args = new Args(argv.Skip(1), new HashSet<string>());
            return argv[0] switch
            {
                "demo" => await DemoCommand.RunAsync(args, cts.Token),
                "sweep" => await SweepCommand.RunAsync(args, cts.Token),
                "bench" => await BenchCommand.RunAsync(args, cts.Token),
                "rollout" => await RolloutCommand.RunAsync(args, cts.Token),
                "run" => await RunControlCommand.RunAsync(args, cts.Token),
                _ => throw new FormatException($"unknown command '{argv[0]}'"),
            };
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"fleetops: {e.Message}\n\n{Usage}");
            return 2;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("fleetops: cancelled");
            return 130;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            await Console.Error.WriteLineAsync($"fleetops: {e.Message}");
            return 1;
        }
    }
}
