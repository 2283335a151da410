using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Cli.Output;
using FleetOps.Cli.Runs;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops sweep FILE</c>: start a sweep on a server, follow it, print its summary and save its reports.</summary>
internal static class SweepCommand
{
    public static Command Create(CliConsole console)
    {
        var file = CliOptions.ExistingFile("file", "a sweep request ({\"targets\": [...], \"checks\": [...]}), or a JSON array of targets " +
            "({\"name\", \"address\", \"labels\"}) that gets the --check checks");
        var checks = new Option<string[]>("--check")
        {
            Description = "a check for a target array: tcp or http:/path; repeat for more [default: tcp]",
            HelpName = "tcp|http:/path",
        };
        checks.Validators.Add(result =>
        {
            foreach (var check in result.GetValueOrDefault<string[]>() ?? [])
                if (Check(check) is null) result.AddError($"--check '{check}': expected tcp or http:/path");
        });
        checks.CompletionSources.Add("tcp", "http:/health");
        var output = CliOptions.Out("where the reports (.html, .json, .md) go", "fleetops-reports");
        var noWait = NoWaitOption("sweep");
        var command = new Command("sweep", "Start a health sweep on a server, show its progress until it ends, print its summary and save its reports.")
        {
            file, checks, output, noWait,
        };
        var server = ServerOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var request = BuildRequest(await CliOptions.ReadAsync(parse.GetValue(file)!, ct).ConfigureAwait(false), parse.GetValue(checks) ?? []);
            var api = server.Client(parse);
            using var http = api.Http;
            if (parse.GetValue(noWait))
            {
                var accepted = await api.StartSweepAsync(request, ct).ConfigureAwait(false);
                console.Line($"{accepted["id"]}");
                return ExitCodes.Ok;
            }
            return await new SweepSession(api, console).RunAsync(request, parse.GetValue(output), RunPoller.DefaultInterval, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>--no-wait: print the new run's id and leave (follow it later with <c>fleetops watch ID</c>).</summary>
    public static Option<bool> NoWaitOption(string what) => new("--no-wait")
    {
        Description = $"start the {what}, print its id and exit (follow it with `fleetops watch ID`)",
    };

    /// <summary>The request to send: a request file as it is, or a target array with the given checks.</summary>
    /// <exception cref="UsageException">The file is not JSON, or holds neither an object nor an array.</exception>
    public static string BuildRequest(string fileText, IReadOnlyList<string> checks)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(fileText);
        }
        catch (JsonException e)
        {
            throw new UsageException($"the targets file is not JSON: {e.Message}");
        }
        if (node is JsonObject) return node.ToJsonString();
        if (node is not JsonArray targets) throw new UsageException("the targets file must hold a sweep request (a JSON object) or an array of targets");
        var checkNodes = new JsonArray();
        foreach (var check in checks.Count == 0 ? ["tcp"] : checks)
            checkNodes.Add(Check(check) ?? throw new UsageException($"--check '{check}': expected tcp or http:/path"));
        return new JsonObject { ["targets"] = targets.DeepClone(), ["checks"] = checkNodes }.ToJsonString();
    }

    private static JsonObject? Check(string text) =>
        text == "tcp" ? new JsonObject { ["kind"] = "tcp" }
        : text.StartsWith("http:/", StringComparison.Ordinal) ? new JsonObject { ["kind"] = "http", ["path"] = text[5..] }
        : null;
}
