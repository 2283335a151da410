using System.Text;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Tests.Storage;

/// <summary>
/// Group commit without storage: a writer that holds each write until the test lets it go, so which records share a
/// write is decided by the test, not by timing.
/// </summary>
public sealed class GroupCommitTests
{
    /// <summary>Records each write; the first write waits for <see cref="Release"/>; writes listed in <c>failing</c> throw.</summary>
    private sealed class HeldWriter(params int[] failing)
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Blocks { get; } = [];
        public Task FirstStarted => _firstStarted.Task;

        public void Release() => _release.SetResult();

        public async Task WriteAsync(ReadOnlyMemory<byte> block, CancellationToken ct)
        {
            int number;
            lock (Blocks)
            {
                Blocks.Add(Encoding.UTF8.GetString(block.Span));
                number = Blocks.Count;
            }
            if (number == 1)
            {
                _firstStarted.SetResult();
                await _release.Task.WaitAsync(ct);
            }
            if (failing.Contains(number)) throw new IOException($"write {number} failed");
        }
    }

    private static byte[] Line(int i) => Encoding.UTF8.GetBytes($"{i:D3}\n");

    [Fact]
    public async Task Records_that_arrive_while_a_write_is_in_flight_share_the_next_write_and_each_is_written_once()
    {
        var writer = new HeldWriter();
        var commit = new GroupCommit(writer.WriteAsync, maxBytes: 1 << 20);

        var first = commit.AddAsync(Line(0), default);
        await writer.FirstStarted;
        var rest = Enumerable.Range(1, 99).Select(i => commit.AddAsync(Line(i), default)).ToList();
        Assert.All(rest, t => Assert.False(t.IsCompleted)); // nobody goes on before its record is written
        writer.Release();
        await Task.WhenAll([first, .. rest]);

        Assert.Equal(2, commit.Writes);
        Assert.Equal(["000\n", string.Concat(Enumerable.Range(1, 99).Select(i => $"{i:D3}\n"))], writer.Blocks);
    }

    [Fact]
    public async Task A_write_carries_at_most_max_bytes_and_a_larger_record_goes_alone()
    {
        var writer = new HeldWriter();
        var commit = new GroupCommit(writer.WriteAsync, maxBytes: 9); // two 4-byte lines fit, three do not

        var first = commit.AddAsync(Line(0), default);
        await writer.FirstStarted;
        var rest = Enumerable.Range(1, 5).Select(i => commit.AddAsync(Line(i), default)).ToList();
        rest.Add(commit.AddAsync(Encoding.UTF8.GetBytes("too long for one block\n"), default));
        writer.Release();
        await Task.WhenAll([first, .. rest]);

        Assert.Equal(["000\n", "001\n002\n", "003\n004\n", "005\n", "too long for one block\n"], writer.Blocks);
    }

    [Fact]
    public async Task A_failed_write_fails_exactly_its_records_and_later_records_are_written()
    {
        var writer = new HeldWriter(failing: 2);
        var commit = new GroupCommit(writer.WriteAsync, maxBytes: 8);

        var first = commit.AddAsync(Line(0), default);
        await writer.FirstStarted;
        var rest = Enumerable.Range(1, 4).Select(i => commit.AddAsync(Line(i), default)).ToList();
        writer.Release();

        await first;
        Assert.Equal("write 2 failed", (await Assert.ThrowsAsync<IOException>(() => rest[0])).Message);
        await Assert.ThrowsAsync<IOException>(() => rest[1]);
        await rest[2];
        await rest[3];
        Assert.Equal(["000\n", "001\n002\n", "003\n004\n"], writer.Blocks);

        await commit.AddAsync(Line(5), default); // the failure left no one stuck leading: the next caller writes
        Assert.Equal("005\n", writer.Blocks[^1]);
    }
}
