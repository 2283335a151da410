using System.Text.Json.Nodes;
using FleetOps.Simulator;

namespace FleetOps.Testing;

/// <summary>
/// Sweep requests over simulated nodes in which every target carries its own checks, and every <c>http</c> check also
/// requires the answer to come from that node: <c>[BODY].node</c> and the <c>X-Node</c> header must be its name. An
/// answer from another node (another fleet's, on a port that should be down) then fails the check as a condition error
/// instead of counting as healthy. <c>expectStatus</c> defaults to [200] on those checks, since conditions alone would
/// replace the status rule.
/// </summary>
public static class NamedSweep
{
    /// <summary>A full sweep request (see <see cref="RunsClient.SweepJson"/>) whose targets are <paramref name="nodes"/>, named checks each.</summary>
    public static string Json(IEnumerable<SimulatedNode> nodes, object? options = null, string? requestId = null, string checksJson = RunsClient.DefaultChecksJson) =>
        RunsClient.SweepJson(Targets(nodes, checksJson).ToJsonString(), options, requestId, checksJson);

    /// <summary>The targets array: name, address and labels as the simulator writes them, plus the node's own checks.</summary>
    public static JsonArray Targets(IEnumerable<SimulatedNode> nodes, string checksJson = RunsClient.DefaultChecksJson)
    {
        var targets = new JsonArray();
        foreach (var node in nodes)
        {
            var labels = new JsonObject();
            foreach (var (key, value) in node.Labels) labels[key] = value;
            targets.Add(new JsonObject
            {
                ["name"] = node.Name,
                ["address"] = node.Address,
                ["labels"] = labels,
                ["checks"] = ChecksFor(node.Name, checksJson),
            });
        }
        return targets;
    }

    /// <summary>The conditions that hold only for an answer from <paramref name="name"/>.</summary>
    public static string[] NameConditions(string name) =>
        [$"[BODY].node == {Quote(name)}", $"[HEADERS].X-Node == {Quote(name)}"];

    private static JsonArray ChecksFor(string name, string checksJson)
    {
        var checks = JsonNode.Parse(checksJson)!.AsArray();
        foreach (var check in checks.Select(c => c!.AsObject()).Where(c => (string?)c["kind"] == "http"))
        {
            check["expectStatus"] ??= new JsonArray(200);
            var conditions = check["conditions"] as JsonArray ?? [];
            foreach (var condition in NameConditions(name)) conditions.Add(condition);
            check["conditions"] = conditions;
        }
        return checks;
    }

    /// <summary>A condition's quoted string: backslash and double quote escaped.</summary>
    private static string Quote(string text) => $"\"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
