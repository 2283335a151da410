using FleetOps.Core.Results;

namespace FleetOps.Probing.Reports;

/// <summary>A failing target as the failing-targets tables show it.</summary>
internal sealed record FailingRow(string Name, string Group, string Address, string Check, ErrorKind Kind, string Message, double LatencyMs);

/// <summary>One condition that did not hold ("[STATUS] == 200", actual "503").</summary>
internal sealed record ConditionRow(string Target, string Check, string Condition, string? Actual);

/// <summary>A target among the slowest, with the check that took longest.</summary>
internal sealed record SlowRow(string Name, string Group, string Address, double LatencyMs, bool Ok, string? SlowestCheck, double SlowestCheckMs);

/// <summary>How often an error kind occurred, and one target that had it, to start looking from.</summary>
internal sealed record KindCount(ErrorKind Kind, int Count, string Example);

/// <summary>
/// One square of the status grid. Kept small on purpose (no checks, no labels): the grid is the one part of a report
/// whose size grows with the fleet.
/// </summary>
internal readonly record struct GridCell(string Name, string Address, double LatencyMs, bool Ok, string? Check, ProbeError? Error);
