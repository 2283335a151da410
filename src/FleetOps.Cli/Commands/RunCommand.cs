using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Api.Client;
using FleetOps.Cli.Output;
using FleetOps.Cli.Runs;
using FleetOps.Core.Rollouts;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops run ID ACTION</c>: a run's status, or a decision or change for a running rollout.</summary>
internal static class RunCommand
{
    public const string Status = "status";

    /// <summary>The actions, in the order help lists them: status, then the server's run actions.</summary>
    public static readonly IReadOnlyList<string> Actions = [Status, "approve", "reject", "pause", "resume", "cancel", "retune"];

    private static readonly string[] TakesBy = ["approve", "reject", "pause", "resume", "retune"];
    private static readonly string[] TakesReason = ["approve", "reject", "pause", "resume"];

    public static Command Create(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "the run id (any text: it is sent escaped, as one path segment)" };
        var action = new Argument<string>("action")
        {
            HelpName = "action",
            Description = "status: the run's state; approve/reject: decide a rollout waiting for approval; pause/resume: hold it after the " +
                "actions in flight and let it go on; cancel: in-flight work finishes, nothing new starts; retune: change concurrency and budgets from the next wave",
        };
        action.AcceptOnlyFromAmong([.. Actions]);
        var by = new Option<string?>("--by") { Description = "who decides (into the rollout's timeline)", HelpName = "NAME" };
        var reason = new Option<string?>("--reason") { Description = "why (into the rollout's timeline)", HelpName = "TEXT" };
        var concurrency = CliOptions.OptionalInt("--concurrency", "retune: actions in flight per wave", 1, RolloutRequestValidator.MaxConcurrency);
        var actionFailures = BudgetOption("--action-failures", "retune: action failures tolerated");
        var gateFailures = BudgetOption("--gate-failures", "retune: gate failures tolerated");
        var onExceeded = new Option<string?>("--on-exceeded") { Description = "retune: what an exceeded budget does", HelpName = "halt|rollback" };
        onExceeded.AcceptOnlyFromAmong([.. RolloutModes.BudgetActions.Keys]);
        var json = CliOptions.Json("the answer");
        var command = new Command("run", "Show a run's status, or control a running rollout: approve, reject, pause, resume, cancel, retune.")
        {
            id, action, by, reason, concurrency, actionFailures, gateFailures, onExceeded, json,
        };
        var server = ServerOptions.AddTo(command);
        Option[] retuneOnly = [concurrency, actionFailures, gateFailures, onExceeded];
        command.Validators.Add(result =>
        {
            var verb = result.GetValue(action);
            if (verb is null) return;
            foreach (var option in retuneOnly.Where(o => Given(result, o) && verb != "retune"))
                result.AddError($"{option.Name} applies to retune only, not to {verb}");
            if (verb == "retune" && !retuneOnly.Any(o => Given(result, o)))
                result.AddError("retune needs --concurrency, --action-failures, --gate-failures or --on-exceeded");
            if (Given(result, by) && !TakesBy.Contains(verb)) result.AddError($"--by applies to {string.Join(", ", TakesBy)}, not to {verb}");
            if (Given(result, reason) && !TakesReason.Contains(verb)) result.AddError($"--reason applies to {string.Join(", ", TakesReason)}, not to {verb}");
        });
        command.SetAction(async (parse, ct) =>
        {
            var (runId, verb) = (parse.GetValue(id)!, parse.GetValue(action)!);
            var api = server.Client(parse);
            using var http = api.Http;
            if (verb == Status)
            {
                var run = await RunPoller.GetAsync(api, runId, ct).ConfigureAwait(false);
                if (parse.GetValue(json)) console.Line(run.ToJsonString(Indented));
                else RunStatusView.Write(console, run);
                return ExitCodes.Ok;
            }
            var body = new JsonObject();
            if (parse.GetValue(by) is { } who) body["by"] = who;
            if (parse.GetValue(reason) is { } why) body["reason"] = why;
            if (parse.GetValue(concurrency) is { } c) body["concurrency"] = c;
            var budgets = new JsonObject();
            if (parse.GetValue(actionFailures) is { } a) budgets["actionFailures"] = a;
            if (parse.GetValue(gateFailures) is { } g) budgets["gateFailures"] = g;
            if (parse.GetValue(onExceeded) is { } e) budgets["onExceeded"] = e;
            if (budgets.Count > 0) body["budgets"] = budgets;
            var answer = await api.ControlAsync(runId, verb, body.Count > 0 ? body : null, ct).ConfigureAwait(false);
            console.Line(parse.GetValue(json) ? answer.ToJsonString(Indented) : Accepted(runId, answer));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The action word for a refusal line: `fleetops run ID approve` refused is "approve refused (409): ...".</summary>
    public static string? Verb(ParseResult parse) =>
        parse.CommandResult.Command.Name == "run" ? parse.GetValue<string>("action") : null;

    internal static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static bool Given(CommandResult result, Option option) => result.GetResult(option) is OptionResult { Implicit: false };

    /// <summary>A budget: a count ("3") or a percentage of the selected nodes ("10%"), checked as the server checks it.</summary>
    private static Option<string?> BudgetOption(string name, string description)
    {
        var option = new Option<string?>(name) { Description = $"{description}: a count (3) or a percentage of the nodes (10%)", HelpName = "N|N%" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text &&
                !ErrorBudget.TryParse(JsonSerializer.SerializeToElement(text), name, out _, out var error))
                result.AddError($"{name}: {error!.Message}");
        });
        return option;
    }

    private static string Accepted(string id, JsonNode answer)
    {
        var line = $"{id}: {answer["action"]}";
        if (answer["detail"] is JsonObject detail && detail.Count > 0)
            line += " (" + string.Join(", ", detail.Where(p => p.Value is not null).Select(p => $"{p.Key} {p.Value!.ToJsonString()}")) + ")";
        return line;
    }
}
