using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>The <c>fleetops</c> command tree, with help that lists the exit codes and the environment it reads.</summary>
internal static class FleetOpsCommand
{
    public const int PlainHelpWidth = 100;

    public static RootCommand Create(CliConsole console, int? helpWidth = null)
    {
        var root = new RootCommand("FleetOps: health sweeps and rolling operations over a fleet, as durable orchestrations. " +
            "`fleetops demo` runs the whole thing locally; the other commands talk to a FleetOps server.")
        {
            DemoCommand.Create(console),
            SweepCommand.Create(console),
            RolloutCommand.Create(console),
            RunCommand.Create(console),
            RunsCommand.Create(console),
            WatchCommand.Create(console),
            InventoriesCommand.Create(console),
            ApplyCommand.Create(console),
            MonitorsCommand.Create(console),
            BenchCommand.Create(),
            CompletionsCommand.Create(console),
        };
        // The usage line says `fleetops` however it was started (dotnet fleetops.dll, a test host, the installed tool).
        root.HelpName = "fleetops";
        var help = root.Options.OfType<HelpOption>().Single();
        var inner = (HelpAction)help.Action!;
        // A terminal's help fits its width (System.CommandLine's default); a log or a pipe gets 100 columns.
        if ((helpWidth ?? (console.Live ? null : PlainHelpWidth)) is { } width) inner.MaxWidth = width;
        help.Action = new HelpWithFooter(inner, root);
        return root;
    }

    /// <summary>System.CommandLine's help, then the exit codes (every command) and the environment (the top level).</summary>
    private sealed class HelpWithFooter(HelpAction inner, RootCommand root) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var code = inner.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.CommandResult.Command == root)
            {
                output.WriteLine("Environment:");
                output.WriteLine("  FLEETOPS_SERVER   the server's base URL when --server is not given (default " + ServerOptions.DefaultServer + ")");
                output.WriteLine("  FLEETOPS_API_KEY  the API key when --api-key is not given");
                output.WriteLine();
            }
            output.WriteLine("Exit codes:");
            foreach (var (exit, meaning) in ExitCodes.All) output.WriteLine($"  {exit,-4} {meaning}");
            output.WriteLine();
            return code;
        }
    }
}
