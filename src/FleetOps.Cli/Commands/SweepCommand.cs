using System.Text.Json.Nodes;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops sweep targets.json [--server URL] [--api-key KEY] [--check tcp|http:/path] [--out DIR]</c></summary>
public static class SweepCommand
{
    public const string Usage = """
        fleetops sweep <targets.json> [--server URL] [--api-key KEY] [--check tcp|http:/path]... [--out DIR]
          targets.json  a sweep request ({"targets": [...], "checks": [...]}) or a JSON array of targets
                        ({"name", "address", "labels"}); an array gets the --check checks (default: tcp)
          --server      FleetOps base URL (default $FLEETOPS_SERVER or http://127.0.0.1:7071)
          --api-key     sent as x-functions-key (default $FLEETOPS_API_KEY)
          --out         where the report is written (default ./fleetops-reports)
        """;

    public static async Task<int> RunAsync(Args args, CancellationToken ct)
    {
        if (args.Positional.Count != 1) throw new FormatException("sweep takes exactly one targets file");
        var api = ServerOptions.Client(args);
        using var http = api.Http;
        var output = args.Get("out") ?? "fleetops-reports";
        var checks = args.GetAll("check");
        args.EnsureAllUsed();

        var request = BuildRequest(await File.ReadAllTextAsync(args.Positional[0], ct).ConfigureAwait(false), checks);
        return await new SweepSession(api, Console.Out).RunAsync(request, output, ct).ConfigureAwait(false);
    }

    public static string BuildRequest(string fileText, IReadOnlyList<string> checks)
    {
        var node = JsonNode.Parse(fileText) ?? throw new FormatException("the targets file is empty");
        if (node is JsonObject) return node.ToJsonString();
        if (node is not JsonArray targets) throw new FormatException("the targets file must hold a JSON object or array");
        var checkNodes = new JsonArray();
        foreach (var check in checks.Count == 0 ? ["tcp"] : checks)
        {
            if (check == "tcp") checkNodes.Add(new JsonObject { ["kind"] = "tcp" });
            else if (check.StartsWith("http:", StringComparison.Ordinal)) checkNodes.Add(new JsonObject { ["kind"] = "http", ["path"] = check[5..] });
            else throw new FormatException($"--check '{check}': expected tcp or http:/path");
        }
        return new JsonObject { ["targets"] = targets.DeepClone(), ["checks"] = checkNodes }.ToJsonString();
    }
}
