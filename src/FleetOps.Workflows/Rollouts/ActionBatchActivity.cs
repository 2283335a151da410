using System.Collections.Concurrent;
using FleetOps.Core.Rollouts;
using FleetOps.Probing.Actions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// Runs the action (or the rollback) on one chunk of a wave: at most <c>concurrency</c> nodes at once, each with
/// <see cref="NodeActionClient"/> and the Idempotency-Key <c>{runId}/{node}</c> (<c>{runId}/{node}/rollback</c>).
/// Each node's result is written to its own blob as soon as it is known, so a redelivered chunk returns the stored
/// results and never sends to a node that answered; a node whose answer was lost with the worker is sent again with
/// the same key, and the node recognises it. A rollback goes only to nodes the action was sent to.
/// </summary>
public sealed class ActionBatchActivity(RolloutStore store, NodeActionClient client, ILogger<ActionBatchActivity> logger)
    : TaskActivity<ActionBatchInput, ActionBatchOutcome>
{
    public const string Name = nameof(ActionBatchActivity);

    public static string IdempotencyKey(string runId, string node, bool rollback) => rollback ? $"{runId}/{node}/rollback" : $"{runId}/{node}";

    public override Task<ActionBatchOutcome> RunAsync(TaskActivityContext context, ActionBatchInput input) =>
        ExecuteAsync(input, CancellationToken.None);

    public async Task<ActionBatchOutcome> ExecuteAsync(ActionBatchInput input, CancellationToken cancellationToken)
    {
        var nodes = await store.ReadNodesAsync(input.RunId, input.NodeList, cancellationToken).ConfigureAwait(false);
        var slice = nodes.Skip(input.From).Take(input.Count).ToList();
        var results = new StoredAction?[slice.Count];
        var (sent, stored) = (0, 0);
        await Parallel.ForEachAsync(Enumerable.Range(0, slice.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(input.Concurrency, 1, RolloutRequestValidator.MaxConcurrency), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var node = slice[i];
                if (await store.TryReadActionAsync(input.RunId, node.Name, input.Rollback, ct).ConfigureAwait(false) is { } done)
                {
                    Interlocked.Increment(ref stored);
                    results[i] = done;
                    return;
                }
                if (input.Rollback && await store.TryReadActionAsync(input.RunId, node.Name, rollback: false, ct).ConfigureAwait(false) is not { Result.Attempts: > 0 })
                    return; // never touched: nothing to undo
                var result = await client.ExecuteAsync(node, input.Action, IdempotencyKey(input.RunId, node.Name, input.Rollback), ct).ConfigureAwait(false);
                var record = new StoredAction(input.Wave, result, DateTimeOffset.UtcNow);
                await store.WriteActionAsync(input.RunId, node.Name, input.Rollback, record, ct).ConfigureAwait(false);
                Interlocked.Increment(ref sent);
                results[i] = record;
            }).ConfigureAwait(false);

        var failed = results.Where(r => r is { Result.Ok: false }).Select(r => r!.Result.Node).ToList();
        var outcome = new ActionBatchOutcome(results.Count(r => r is { Result.Ok: true }), failed.Count, results.Count(r => r is null), failed);
        logger.LogInformation("Rollout {RunId} wave {Wave} {Kind} nodes {From}-{To}: {Ok} ok, {Failed} failed, {Skipped} skipped ({Sent} sent, {Stored} already done)",
            input.RunId, input.Wave + 1, input.Rollback ? "rollback" : "action", input.From, input.From + input.Count - 1,
            outcome.Ok, outcome.Failed, outcome.Skipped, sent, stored);
        return outcome;
    }
}
