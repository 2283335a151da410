using System.Collections.Concurrent;
using FleetOps.Core.Results;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;
using FleetOps.Probing.Actions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// Runs the action (or the rollback) on one chunk of a wave: at most <c>concurrency</c> nodes at once, each with
/// <see cref="NodeActionClient"/> and its <see cref="IdempotencyKeys"/> key. Each node's result is appended to the
/// chunk's <see cref="ActionJournal"/> the moment it is known (lines that arrive together share an append, the next
/// node starts meanwhile, and the chunk answers only once every line is stored), so a redelivered chunk sends only to
/// nodes with no stored result (a node whose answer was lost with the worker gets the same key again and recognises
/// it). Nodes are isolated: whatever one node throws becomes that node's failed result, never its neighbours'. Before
/// starting a node it looks at the control flag: once paused or cancelled, it starts no more (a rollback ignores
/// cancel). A rollback goes only to nodes the action was sent to.
/// </summary>
public sealed class ActionBatchActivity(RolloutStore store, NodeActionClient client, ILogger<ActionBatchActivity> logger)
    : TaskActivity<ActionBatchInput, ActionBatchOutcome>
{
    public const string Name = nameof(ActionBatchActivity);

    public override Task<ActionBatchOutcome> RunAsync(TaskActivityContext context, ActionBatchInput input) =>
        ExecuteAsync(input, CancellationToken.None);

    public async Task<ActionBatchOutcome> ExecuteAsync(ActionBatchInput input, CancellationToken cancellationToken)
    {
        // The reads a chunk needs before its first node go out together: one storage round trip, not three or four.
        var watcher = new ControlFlagWatcher(store, input.RunId, logger);
        var journal = store.Journal(input.RunId, input.Rollback, input.From, input.Count);
        var nodesRead = store.ReadNodesAsync(input.RunId, input.NodeList, cancellationToken);
        var opened = journal.OpenAsync(cancellationToken);
        var firstLook = watcher.CheckAsync(cancellationToken).AsTask();
        var touchedRead = input.Rollback ? store.ReadActionsAsync(input.RunId, rollback: false, input.From, input.From + input.Count, cancellationToken) : null;
        Task[] reads = touchedRead is null ? [nodesRead, opened, firstLook] : [nodesRead, opened, firstLook, touchedRead];
        await Task.WhenAll(reads).ConfigureAwait(false);
        var slice = (await nodesRead.ConfigureAwait(false)).Skip(input.From).Take(input.Count).ToList();
        var stored = (await opened.ConfigureAwait(false)).ToDictionary(s => s.Result.Node, StringComparer.Ordinal);
        var touched = touchedRead is null ? null : await touchedRead.ConfigureAwait(false);

        var results = new StoredAction?[slice.Count];
        var unstored = new ConcurrentQueue<string>();
        var appends = new ConcurrentQueue<Task>();
        var (sent, notStarted) = (0, 0);
        var stoppedBy = RolloutStop.None;
        await Parallel.ForEachAsync(Enumerable.Range(0, slice.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(input.Concurrency, 1, RolloutRequestValidator.MaxConcurrency), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var node = slice[i];
                try
                {
                    if (stored.TryGetValue(node.Name, out var done))
                    {
                        results[i] = done;
                        return;
                    }
                    if (touched is not null && touched.GetValueOrDefault(node.Name) is not { Result.Attempts: > 0 }) return; // never touched: nothing to undo
                    var stop = await watcher.CheckAsync(ct).ConfigureAwait(false);
                    if (stop == RolloutStop.Paused || (stop == RolloutStop.Cancelled && !input.Rollback))
                    {
                        stoppedBy = stop;
                        Interlocked.Increment(ref notStarted);
                        return;
                    }
                    var record = new StoredAction(input.Wave, await RunOneAsync(node, input, ct).ConfigureAwait(false), DateTimeOffset.UtcNow);
                    Interlocked.Increment(ref sent);
                    results[i] = record;
                    // The slot goes on to its next node while the line is appended; every append is awaited before the chunk answers.
                    appends.Enqueue(StoreAsync(journal, record, unstored, cancellationToken));
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // Whatever breaks around one node (not its action: RunOneAsync keeps that) is that node's failure alone.
                    logger.LogWarning(e, "Rollout {RunId}: one node of the chunk failed outside its action; recorded as that node's failure", input.RunId);
                    results[i] ??= new StoredAction(input.Wave, Failed(node, e), DateTimeOffset.UtcNow);
                }
            }).ConfigureAwait(false);
        await Task.WhenAll(appends).ConfigureAwait(false);

        if (!unstored.IsEmpty)
            throw new InvalidOperationException($"{unstored.Count} of {sent} node results could not be stored in {journal}; the chunk is retried and sends " +
                                                $"only to nodes with no stored result (the same Idempotency-Key). First: {unstored.First()}");

        var failed = results.Where(r => r is { Result.Ok: false }).Select(r => r!.Result.Node).ToList();
        var outcome = new ActionBatchOutcome(results.Count(r => r is { Result.Ok: true }), failed.Count, results.Count(r => r is null) - notStarted,
            [.. failed.Take(TimelineText.ShownNames).Select(n => TimelineText.Clip(n, TimelineText.MaxName)!)])
        {
            NotStarted = notStarted,
            StoppedBy = notStarted > 0 ? stoppedBy : null,
        };
        logger.LogInformation("Rollout {RunId} wave {Wave} {Kind} nodes {From}-{To}: {Ok} ok, {Failed} failed, {Skipped} skipped, {NotStarted} not started ({Sent} sent, {Stored} already done, {Appends} journal appends)",
            input.RunId, input.Wave + 1, input.Rollback ? "rollback" : "action", input.From, input.From + input.Count - 1,
            outcome.Ok, outcome.Failed, outcome.Skipped, notStarted, sent, stored.Count, journal.Appends);
        return outcome;
    }

    /// <summary>Appends a node's line; a failure is noted (the chunk then fails and is retried), never thrown.</summary>
    private static async Task StoreAsync(ActionJournal journal, StoredAction record, ConcurrentQueue<string> unstored, CancellationToken ct)
    {
        try
        {
            await journal.AppendAsync(record, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            unstored.Enqueue($"node '{record.Result.Node}': {e.Message}");
        }
    }

    /// <summary>The node's result; an exception (not the activity's cancellation) is this node's failure, sent or not.</summary>
    private async Task<NodeActionResult> RunOneAsync(Target node, ActionBatchInput input, CancellationToken ct)
    {
        try
        {
            return await client.ExecuteAsync(node, input.Action, IdempotencyKeys.For(input.RunId, node.Name, input.Rollback), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Rollout {RunId}: the action on one node threw; recorded as that node's failure", input.RunId);
            return Failed(node, e);
        }
    }

    /// <summary>Attempts 1: the action may have been sent, so a rollback includes the node.</summary>
    private static NodeActionResult Failed(Target node, Exception e) =>
        new(node.Name, false, 1, null, 0,
            new ProbeError(ErrorKind.Other, $"node '{TimelineText.Clip(node.Name, TimelineText.MaxName)}' ({node.Address}): {e.GetType().Name}: {e.Message}") { Transient = false }, null);
}
