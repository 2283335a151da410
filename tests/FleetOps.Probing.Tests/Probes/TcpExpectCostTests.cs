using FleetOps.Core.Checks;
using FleetOps.Core.Results;
using FleetOps.Core.Tests;
using Xunit.Abstractions;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>
/// The tcp probe's read loop against a peer that sends its answer one byte per read: the CPU the loop spends stays a
/// small constant times what the bytes themselves cost, whatever the expect (hardening review). The stream answers
/// synchronously, so the whole loop runs on the test's thread and its CPU time is the loop's.
/// </summary>
public sealed class TcpExpectCostTests(ITestOutputHelper output)
{
    /// <summary>Gives <paramref name="total"/> bytes of 'a', one per read, then ends.</summary>
    private sealed class OneByteAtATime(int total) : Stream
    {
        private int _sent;

        public override int Read(Span<byte> buffer)
        {
            if (_sent == total || buffer.Length == 0) return 0;
            buffer[0] = (byte)'a';
            _sent++;
            return 1;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData("READY")]
    [InlineData("/a+b/")]
    public void A_byte_at_a_time_answer_costs_milliseconds_of_cpu(string expect)
    {
        var matcher = ExpectMatcher.Create(expect);
        matcher.IsMatch("warm up");
        (string Received, bool Matched) result = ("", true);

        var cpu = ThreadCpu.Of(() =>
        {
            var read = TcpProbe.ReadUntilAsync(new OneByteAtATime(ProbeFacts.MaxBodyChars + 10), matcher, CancellationToken.None);
            Assert.True(read.IsCompleted, "the loop should run synchronously on a synchronous stream");
            result = read.GetAwaiter().GetResult();
        });

        output.WriteLine($"{expect}: {cpu.TotalMilliseconds:0.0} ms of thread CPU for {ProbeFacts.MaxBodyChars} bytes read one at a time");
        Assert.False(result.Matched);
        Assert.Equal(ProbeFacts.MaxBodyChars, result.Received.Length);
        Assert.True(cpu < TimeSpan.FromMilliseconds(400), $"{expect}: {cpu.TotalMilliseconds:0} ms of CPU for 64 KiB read a byte at a time");
    }
}
