using FleetOps.Cli.Commands;
using FleetOps.Cli.Output;

namespace FleetOps.Cli;

/// <summary>Entry point of <c>fleetops</c>.</summary>
public static class CliProgram
{
    public static Task<int> Main(string[] args) => CliRunner.RunAsync(args, CliConsole.ForProcess(), CancellationToken.None);
}
