using System.CommandLine;
using FleetOps.Api.Client;
using FleetOps.Cli.Apply;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops apply -f FILE</c>: makes the server's notifiers and monitors match a file. Everything is checked
/// before anything is sent; then notifiers, monitors, and (with --prune) removals, each reported as it is done.
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "the file: `notifiers:` and `monitors:`, name to PUT body (YAML, or JSON by its .json extension)", HelpName = "FILE", Required = true };
        file.AcceptExistingOnly();
        var prune = new Option<bool>("--prune") { Description = "delete this file's set's items that are no longer in it (without it they are only reported, as orphaned)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "show what would be done; send nothing" };
        var adopt = new Option<bool>("--adopt") { Description = "take over items of the file's names that exist but were not made by fleetops apply" };
        var command = new Command("apply", "Make the server's notifiers and monitors match a file: created, changed, unchanged, removed.") { file, prune, dryRun, adopt };
        var server = ServerOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var parsed = ApplyFile.Parse(path.Name, await CliOptions.ReadAsync(path, ct).ConfigureAwait(false));
            var (desired, errors) = DesiredItems.Build(parsed);
            if (errors.Count > 0) return Fail(console, parsed, errors);

            var api = server.Client(parse);
            using var http = api.Http;
            var runner = new ApplyRunner(api, server.Server(parse));
            var (stored, warning) = await runner.ReadStoredAsync(desired, ct).ConfigureAwait(false);
            if (warning is not null) console.Error.WriteLine($"fleetops: warning: {warning}");
            var plan = ApplyPlanner.Plan(parsed.Set, desired, stored, parse.GetValue(prune), parse.GetValue(adopt));
            if (plan.Errors.Count > 0) return Fail(console, parsed, plan.Errors);
            if (plan.Conflicts.Any())
                return Fail(console, parsed, [.. plan.Conflicts.Select(c => new ItemError(c.Kind, c.Name, "name", c.Reason!))]);

            var view = new ApplyView(console, parsed, plan.Steps, parse.GetValue(dryRun));
            var done = new List<ApplyAction>();
            foreach (var step in plan.Steps)
            {
                string? note = null;
                if (step.Sends && !parse.GetValue(dryRun))
                {
                    try
                    {
                        note = await runner.CarryOutAsync(step, ct).ConfigureAwait(false);
                    }
                    catch (FleetOpsApiException e)
                    {
                        view.Summary(done);
                        console.Error.WriteLine($"fleetops: {Refusals.Line($"{parsed.FileName}: {ApplyView.Kind(step.Kind)} '{step.Name}'", e)}");
                        return ExitCodes.Refused;
                    }
                }
                view.Step(step, note);
                done.Add(step.Action);
            }
            view.Summary(done);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Fail(CliConsole console, ApplyFile file, IReadOnlyList<ItemError> errors)
    {
        foreach (var e in errors) console.Error.WriteLine($"fleetops: {ApplyView.Error(file, e)}");
        console.Error.WriteLine($"fleetops: {file.FileName}: nothing was applied");
        return ExitCodes.Usage;
    }
}
