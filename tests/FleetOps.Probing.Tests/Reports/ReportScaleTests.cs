using System.Diagnostics;
using System.Text;
using FleetOps.Probing.Reports;
using Xunit.Abstractions;
using static FleetOps.Probing.Tests.Reports.ReportSamples;

namespace FleetOps.Probing.Tests.Reports;

/// <summary>100k targets, streamed in batches of 500 as the run store reads them, written to a byte-counting sink.</summary>
public sealed class ReportScaleTests(ITestOutputHelper output)
{
    private const int Targets = 100_000;

    [Fact]
    public async Task Html_for_100k_targets_renders_in_seconds_at_a_reasonable_size()
    {
        var (elapsed, bytes) = await Render((w, batches) => HtmlReport.WriteAsync(w, Header(), batches));

        output.WriteLine($"HTML, {Targets:N0} targets: {elapsed.TotalMilliseconds:N0} ms, {bytes / 1024.0 / 1024.0:N1} MiB ({bytes / Targets} bytes per target)");
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed}");
        Assert.True(bytes < 25 * 1024 * 1024, $"{bytes} bytes");
    }

    [Fact]
    public async Task Markdown_for_100k_targets_renders_in_seconds()
    {
        var (elapsed, bytes) = await Render((w, batches) => MarkdownReport.WriteAsync(w, Header(), batches));

        output.WriteLine($"Markdown, {Targets:N0} targets: {elapsed.TotalMilliseconds:N0} ms, {bytes / 1024.0 / 1024.0:N1} MiB");
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed}");
    }

    private static async Task<(TimeSpan Elapsed, long Bytes)> Render(
        Func<TextWriter, IAsyncEnumerable<IReadOnlyList<Core.Results.TargetResult>>, Task> write)
    {
        var sink = new CountingStream();
        await using var writer = new StreamWriter(sink, new UTF8Encoding(false), 64 * 1024);
        var stopwatch = Stopwatch.StartNew();
        await write(writer, Batches(Fleet(Targets)));
        stopwatch.Stop();
        return (stopwatch.Elapsed, sink.Length);
    }

    /// <summary>A write-only stream that keeps nothing but how much was written.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
