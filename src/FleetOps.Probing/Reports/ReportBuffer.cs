using System.Text;

namespace FleetOps.Probing.Reports;

/// <summary>
/// Renderers append to <see cref="Text"/> synchronously and hand it to the caller's writer in chunks, asynchronously:
/// one await per 32 KB instead of one per cell, and no sync I/O on writers that forbid it (ASP.NET response bodies).
/// </summary>
internal sealed class ReportBuffer(TextWriter writer, CancellationToken ct)
{
    private const int ChunkChars = 32 * 1024;

    public StringBuilder Text { get; } = new(ChunkChars * 2);

    public CancellationToken Cancellation => ct;

    public ValueTask FlushIfFullAsync() => Text.Length >= ChunkChars ? new(FlushAsync()) : ValueTask.CompletedTask;

    public async Task FlushAsync()
    {
        ct.ThrowIfCancellationRequested();
        await writer.WriteAsync(Text, ct).ConfigureAwait(false);
        Text.Clear();
    }

    /// <summary>Writes what is left and flushes the caller's writer, so a report is complete when the call returns.</summary>
    public async Task CompleteAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }
}
