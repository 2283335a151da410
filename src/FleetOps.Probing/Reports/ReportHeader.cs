using FleetOps.Core.Summaries;

namespace FleetOps.Probing.Reports;

/// <summary>
/// What a report says about the run itself. The page's counts and percentiles are computed from the results it is given
/// (so every number on it agrees); <see cref="Summary"/> adds what results cannot tell, such as how many targets were planned.
/// </summary>
public sealed record ReportHeader(
    string RunId,
    string Name,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    SweepSummary Summary);
