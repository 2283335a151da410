using FleetOps.Workflows.Storage;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>One page of GET /api/runs, and where the next one starts (null when there is no more).</summary>
public sealed record RunPage(List<RunView> Runs, string? Continuation);

/// <summary>
/// GET /api/runs: runs newest first, read from the <see cref="RunIndex"/> in its order and looked up one by one,
/// so a page is right whatever the number of runs, and the continuation (the last index key looked at) starts the
/// next page exactly after it, even while new runs arrive. A status filter is applied to what the engine says now.
/// A request looks at no more than <see cref="MaxExamined"/> index rows (or <c>limit</c>, if larger): with a filter
/// that few runs match, a page may come back short, with a continuation to go on from.
/// </summary>
public sealed class RunListing(RunIndex index)
{
    public const int MaxExamined = 500;
    private const int ParallelLookups = 16;

    public async Task<RunPage> ListAsync(IReadOnlyCollection<OrchestrationRuntimeStatus> statuses, int limit, string? after, DurableTaskClient client, CancellationToken ct)
    {
        var runs = new List<RunView>();
        var budget = statuses.Count == 0 ? limit : Math.Max(limit, MaxExamined);
        var examined = 0;
        while (runs.Count < limit && examined < budget)
        {
            // Without a filter nearly every row is a run to show; with one, read further ahead.
            var want = Math.Min(budget - examined, statuses.Count == 0 ? limit - runs.Count : Math.Max(limit - runs.Count, 100));
            var (entries, more) = await index.PageAsync(after, want, ct).ConfigureAwait(false);
            for (var start = 0; start < entries.Count; start += ParallelLookups)
            {
                var slice = entries.Skip(start).Take(ParallelLookups).ToList();
                var found = await Task.WhenAll(slice.Select(e => client.GetInstanceAsync(e.RunId, getInputsAndOutputs: true, ct))).ConfigureAwait(false);
                for (var i = 0; i < slice.Count; i++)
                {
                    examined++;
                    after = slice[i].Key;
                    // Registered but never scheduled (an interrupted start), or not a run: nothing to show.
                    if (RunLookup.IsRun(found[i]) && (statuses.Count == 0 || statuses.Contains(found[i]!.RuntimeStatus)))
                        runs.Add(RunView.From(found[i]!));
                    if (runs.Count == limit)
                        return new RunPage(runs, more || start + i + 1 < entries.Count ? after : null);
                }
            }
            if (!more) return new RunPage(runs, null);
        }
        return new RunPage(runs, after);
    }
}
