using FleetOps.Core.Results;

namespace FleetOps.Core.Summaries;

/// <summary>A failing target as the summary shows it; the full record is in the report.</summary>
public sealed record FailureSample(string Name, string Address, string Check, ErrorKind Kind, string Message);
