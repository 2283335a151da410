using System.Globalization;
using FleetOps.Cli.Runs;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>A rollout's waves as a table: nodes, status, actions ok and failed, gate passed.</summary>
internal static class RolloutWavesTable
{
    public static Table Create(CliConsole console, IReadOnlyList<WaveRow> rows)
    {
        var table = Tables.Create(console, ">wave", ">nodes", "status", ">actions ok", ">failed", ">gate ok");
        foreach (var r in rows) table.Row(N(r.Wave), N(r.Nodes), r.Status, N(r.ActionsOk), N(r.ActionsFailed), N(r.GateOk));
        return table;
    }

    /// <summary>A finished wave as a log line.</summary>
    public static string Line(WaveRow r) =>
        $"  wave {r.Wave} {r.Status}: {r.Nodes} nodes, {N(r.ActionsOk)} actions ok, {N(r.ActionsFailed)} failed, {N(r.GateOk)} passed the gate";

    private static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
