using FleetOps.Cli.Commands;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Tests;

/// <summary>Runs `fleetops` in process as a pipe would see it: plain console, stdout and stderr kept apart.</summary>
internal static class Cli
{
    public sealed record Result(int Exit, string Out, string Err)
    {
        public override string ToString() => $"exit {Exit}\n--- stdout\n{Out}\n--- stderr\n{Err}";
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliRunner.RunAsync(args, CliConsole.Plain(output, error), CancellationToken.None, FleetOpsCommand.PlainHelpWidth);
        return new Result(exit, output.ToString(), error.ToString());
    }

    /// <summary>The parse alone (no action runs): its errors, joined.</summary>
    public static IReadOnlyList<string> Errors(string commandLine)
    {
        using var sink = new StringWriter();
        return FleetOpsCommand.Create(CliConsole.Plain(sink, sink)).Parse(commandLine).Errors.Select(e => e.Message).ToList();
    }
}
