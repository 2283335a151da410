using FleetOps.Core.Results;

namespace FleetOps.Core.Rollouts;

/// <summary>
/// The action's outcome on one node after all attempts. <see cref="Attempts"/> is 0 when nothing was sent (the action
/// could not be rendered for this node); <see cref="Status"/>, <see cref="LatencyMs"/> and <see cref="ResponseSnippet"/>
/// (at most <see cref="ActionLimits.SnippetChars"/> characters of the body) are the last attempt's.
/// </summary>
public sealed record NodeActionResult(
    string Node,
    bool Ok,
    int Attempts,
    int? Status,
    double LatencyMs,
    ProbeError? Error,
    string? ResponseSnippet);
