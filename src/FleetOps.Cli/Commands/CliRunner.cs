using System.CommandLine;
using System.Text.Json;
using FleetOps.Api.Client;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>
/// Parses, runs, and turns every way a command can end into one of <see cref="ExitCodes"/>: a parse error prints the
/// errors and the command's help (exit 2); a server refusal prints one line with its problem's detail and fields (3);
/// an unreachable server one line (4). No stack traces for any of these.
/// </summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct, int? helpWidth = null)
    {
        var parse = FleetOpsCommand.Create(console, helpWidth).Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine's own error action: the errors, "did you mean", then the help, all on stderr.
            await parse.InvokeAsync(new InvocationConfiguration { Output = console.Error, Error = console.Error }, ct).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        var config = new InvocationConfiguration { Output = console.Writer, Error = console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, ct).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            return Fail(console, ExitCodes.Usage, e.Message);
        }
        catch (FleetOpsApiException e)
        {
            return Fail(console, ExitCodes.Refused, Refusals.Line(RunCommand.Verb(parse) ?? CommandPath(parse), e));
        }
        catch (HttpRequestException e)
        {
            return Fail(console, ExitCodes.Unreachable, $"cannot reach the FleetOps server: {e.Message}");
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            return Fail(console, ExitCodes.Unreachable, $"the FleetOps server did not answer in time: {e.InnerException.Message}");
        }
        catch (OperationCanceledException)
        {
            return Fail(console, ExitCodes.Interrupted, "interrupted");
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException or JsonException or UnauthorizedAccessException)
        {
            return Fail(console, ExitCodes.RunFailed, e.Message);
        }
    }

    private static int Fail(CliConsole console, int code, string message)
    {
        console.Error.WriteLine($"fleetops: {message}");
        return code;
    }

    /// <summary>"sweep", "inventories put": the command as typed, for the refusal line.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result?.Parent is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command.Name);
        return names.Count > 0 ? string.Join(' ', names) : "fleetops";
    }
}
