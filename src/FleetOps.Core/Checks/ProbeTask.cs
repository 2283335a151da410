using FleetOps.Core.Targets;

namespace FleetOps.Core.Checks;

/// <summary>A target and the checks to run on it.</summary>
public sealed record ProbeTask(Target Target, IReadOnlyList<CheckSpec> Checks);
