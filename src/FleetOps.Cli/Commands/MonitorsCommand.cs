using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using FleetOps.Api;
using FleetOps.Api.Client;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops monitors [NAME]</c>: every monitor's state and counts; or one monitor's targets (a page, as the API
/// pages them), its uptime over 24 hours and its recent events.
/// </summary>
internal static class MonitorsCommand
{
    private const int Parallel = 8;

    public static Command Create(CliConsole console)
    {
        var name = new Argument<string?>("name") { Description = "a monitor: show its targets, uptime and events", Arity = ArgumentArity.ZeroOrOne };
        var state = new Option<string?>("--state") { Description = "with NAME: only targets in this state", HelpName = "STATE" };
        state.AcceptOnlyFromAmong("up", "down", "unknown");
        var limit = CliOptions.Int("--limit", "with NAME: targets per page", 50, 1, 1000);
        var continuation = new Option<string?>("--continuation") { Description = "with NAME: the next page of targets (printed under the table)", HelpName = "TOKEN" };
        var events = CliOptions.Int("--events", "with NAME: how many recent events", 10, 1, 1000);
        var json = CliOptions.Json("the monitors (or the monitor)");
        var command = new Command("monitors", "Show the monitors: state and counts; with a name, its targets, uptime (24h) and recent events.")
            { name, state, limit, continuation, events, json };
        var server = ServerOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var api = server.Client(parse);
            using var http = api.Http;
            if (parse.GetValue(name) is not { } monitor)
            {
                var all = await ListAsync(api, ct).ConfigureAwait(false);
                if (parse.GetValue(json)) console.Line(new JsonArray([.. all.Select(m => m.DeepClone())]).ToJsonString(RunCommand.Indented));
                else MonitorViews.List(console, all);
                return ExitCodes.Ok;
            }
            var one = await api.GetMonitorAsync(monitor, ct).ConfigureAwait(false)
                ?? throw new FleetOpsApiException(Routes.GetMonitor, HttpStatusCode.NotFound, $"name: no monitor named '{monitor}'", null);
            var targets = await api.GetMonitorTargetsAsync(monitor, parse.GetValue(state), parse.GetValue(limit), parse.GetValue(continuation), ct).ConfigureAwait(false);
            var uptime = await api.GetMonitorUptimeAsync(monitor, "24h", ct).ConfigureAwait(false);
            var recent = await api.GetMonitorEventsAsync(monitor, parse.GetValue(events), ct: ct).ConfigureAwait(false);
            if (parse.GetValue(json))
                console.Line(new JsonObject { ["monitor"] = one.DeepClone(), ["targets"] = targets.DeepClone(), ["uptime"] = uptime.DeepClone(), ["events"] = recent.DeepClone() }
                    .ToJsonString(RunCommand.Indented));
            else MonitorViews.Detail(console, one, targets, uptime, recent);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Every monitor by name, each read with GET (its state and counts), a few at a time.</summary>
    private static async Task<IReadOnlyList<JsonNode>> ListAsync(FleetOpsApiClient api, CancellationToken ct)
    {
        var names = await api.ListMonitorNamesAsync(ct).ConfigureAwait(false);
        var found = new JsonNode?[names.Count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct },
            async (i, token) => found[i] = await api.GetMonitorAsync(names[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return [.. found.OfType<JsonNode>()];
    }
}
