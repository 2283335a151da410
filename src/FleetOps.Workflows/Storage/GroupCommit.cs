namespace FleetOps.Workflows.Storage;

/// <summary>
/// Group commit for an append-only record: callers hand in records and wait until theirs is written. A caller that
/// finds no write in flight writes every waiting record as one request (up to <c>maxBytes</c>, at least one record),
/// and goes on while more wait; the others wait for the write that holds theirs. So N records arriving together cost
/// about as many writes as there are rounds of overlap, not N, and each record is still durable before its caller goes
/// on. A write that fails fails exactly the records it held; later records get writes of their own.
/// </summary>
/// <param name="write">Writes one block (records concatenated, in arrival order) atomically: all or nothing.</param>
internal sealed class GroupCommit(Func<ReadOnlyMemory<byte>, CancellationToken, Task> write, int maxBytes)
{
    private readonly Lock _gate = new();
    private readonly Queue<(byte[] Record, TaskCompletionSource Written)> _waiting = new();
    private bool _writing;
    private int _writes;

    /// <summary>Write requests made so far (for logs).</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Completes once <paramref name="record"/> is written; throws what its write threw.</summary>
    public async Task AddAsync(byte[] record, CancellationToken ct)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_gate)
        {
            _waiting.Enqueue((record, written));
            lead = !_writing;
            _writing = true;
        }
        if (lead) await DrainAsync(ct).ConfigureAwait(false);
        await written.Task.ConfigureAwait(false);
    }

    /// <summary>Writes what waits, block by block, until nothing does; then the next caller leads.</summary>
    private async Task DrainAsync(CancellationToken ct)
    {
        while (Take() is { Count: > 0 } block)
        {
            try
            {
                Interlocked.Increment(ref _writes);
                await write(Concat(block), ct).ConfigureAwait(false);
                foreach (var (_, written) in block) written.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var (_, written) in block) written.TrySetException(e);
            }
        }
    }

    /// <summary>The next block: waiting records in order while they fit in <c>maxBytes</c> (at least one); empty ends the lead.</summary>
    private List<(byte[] Record, TaskCompletionSource Written)> Take()
    {
        lock (_gate)
        {
            var block = new List<(byte[], TaskCompletionSource)>();
            var bytes = 0;
            while (_waiting.TryPeek(out var next) && (block.Count == 0 || bytes + next.Record.Length <= maxBytes))
            {
                block.Add(_waiting.Dequeue());
                bytes += next.Record.Length;
            }
            if (block.Count == 0) _writing = false;
            return block;
        }
    }

    private static byte[] Concat(List<(byte[] Record, TaskCompletionSource Written)> block)
    {
        if (block.Count == 1) return block[0].Record;
        var all = new byte[block.Sum(b => b.Record.Length)];
        var at = 0;
        foreach (var (record, _) in block)
        {
            record.CopyTo(all, at);
            at += record.Length;
        }
        return all;
    }
}
