using System.Text.Json.Nodes;
using FleetOps.Api.Client;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops run &lt;id&gt; status|approve|reject|pause|resume|cancel|retune</c>: control a run while it runs.</summary>
public static class RunControlCommand
{
    public const string Usage = """
        fleetops run <id> status|approve|reject|pause|resume|cancel [--by NAME] [--reason TEXT] [--server URL] [--api-key KEY]
        fleetops run <id> retune [--concurrency N] [--action-failures 3|10%] [--gate-failures 3|10%]
          approve/reject answer a rollout waiting for approval (who and why go into its report); pause/resume
          suspend it; cancel lets in-flight actions finish and starts no more; retune applies from the next wave
        """;

    private static readonly HashSet<string> Actions = ["status", "approve", "reject", "pause", "resume", "cancel", "retune"];

    public static async Task<int> RunAsync(Args args, CancellationToken ct)
    {
        if (args.Positional.Count != 2 || !Actions.Contains(args.Positional[1]))
            throw new FormatException($"run takes a run id and one of {string.Join(", ", Actions)}");
        // The id goes as it is: the client escapes it as one path segment.
        var (id, action) = (args.Positional[0], args.Positional[1]);
        var api = ServerOptions.Client(args);
        using var http = api.Http;
        var body = new JsonObject();
        if (args.Get("by") is { } by) body["by"] = by;
        if (args.Get("reason") is { } reason) body["reason"] = reason;
        if (action == "retune")
        {
            if (args.Get("concurrency") is { } c) body["concurrency"] = int.Parse(c, System.Globalization.CultureInfo.InvariantCulture);
            var budgets = new JsonObject();
            if (args.Get("action-failures") is { } a) budgets["actionFailures"] = a;
            if (args.Get("gate-failures") is { } g) budgets["gateFailures"] = g;
            if (budgets.Count > 0) body["budgets"] = budgets;
        }
        args.EnsureAllUsed();

        JsonNode? node;
        try
        {
            node = action == "status"
                ? await api.GetRunAsync(id, ct).ConfigureAwait(false) ?? throw new FleetOpsApiException(Api.Routes.GetRun, System.Net.HttpStatusCode.NotFound, $"id: no run has id '{id}'", null)
                : await api.ControlAsync(id, action, body.Count > 0 ? body : null, ct).ConfigureAwait(false);
        }
        catch (FleetOpsApiException e)
        {
            await Console.Error.WriteLineAsync($"{action} refused ({(int)e.StatusCode!}): {e.Detail}").ConfigureAwait(false);
            return 1;
        }
        Console.WriteLine(node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) ?? $"{action}: ok");
        return 0;
    }
}
