using System.Text.Json.Nodes;
using FleetOps.Api.Client;

namespace FleetOps.Cli.Output;

/// <summary>A server's refusal as one line: what was refused, the status, the problem's detail and the fields it names.</summary>
internal static class Refusals
{
    public static string Line(string what, FleetOpsApiException e)
    {
        var line = $"{what} refused ({(int?)e.StatusCode}): {OneLine(e.Detail)}";
        var fields = e.Fields.Distinct(StringComparer.Ordinal).Where(f => !e.Detail.Contains(f, StringComparison.Ordinal)).ToList();
        if (fields.Count > 0) line += $" [fields: {string.Join(", ", fields)}]";
        if (e.Problem?["moreErrors"] is JsonValue more) line += $" (+{more} more errors)";
        return line;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
