using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Specialized;
using FleetOps.Core;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// A chunk's node results: an append blob with one JSON line per node, appended the moment the node answered. An
/// append is atomic, so a line is whole or absent whatever kills the worker; concurrent appends (the chunk's nodes run
/// in parallel, a redelivery may overlap) never overwrite each other. Readers keep a node's first line. One blob per
/// chunk keeps the report's reads to O(chunks) while every result is durable before the next node is judged.
/// Lines that arrive while an append is in flight go together in the next append (<see cref="GroupCommit"/>): a chunk
/// of 100 instant nodes costs a handful of appends, not 100, and each node still waits until its line is stored.
/// </summary>
public sealed class ActionJournal
{
    /// <summary>The most one append carries (the service takes 4 MiB per block; a line is at most a few KiB).</summary>
    public const int MaxAppendBytes = 1024 * 1024;

    private readonly BlobJsonStore _blobs;
    private readonly string _name;
    private readonly AppendBlobClient _blob;
    private readonly GroupCommit _appends;

    public ActionJournal(BlobJsonStore blobs, string name)
    {
        _blobs = blobs;
        _name = name;
        _blob = blobs.Container.GetAppendBlobClient(name);
        _appends = new GroupCommit(AppendBlockAsync, MaxAppendBytes);
    }

    public string Name => _name;

    /// <summary>Every stored line, first per node; empty when the chunk has not started.</summary>
    public async Task<List<StoredAction>> ReadAsync(CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        BinaryData content;
        try
        {
            content = (await _blob.DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
        return Parse(content.ToString());
    }

    /// <summary>Appends requested so far by this instance (lines that arrived together share one).</summary>
    public int Appends => _appends.Writes;

    /// <summary>
    /// Creates the journal unless it is there, and returns what it holds: nothing when this call created it (a first
    /// delivery reads nothing), else every stored line (a redelivery). One request on the common path, not two.
    /// </summary>
    public async Task<List<StoredAction>> OpenAsync(CancellationToken ct)
    {
        await _blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var created = await _blob.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        return created is not null ? [] : await ReadAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Completes once the line is stored, alone or with the lines that arrived with it.</summary>
    public Task AppendAsync(StoredAction result, CancellationToken ct) =>
        _appends.AddAsync([.. JsonSerializer.SerializeToUtf8Bytes(result, FleetOpsJson.Options), (byte)'\n'], ct);

    private async Task AppendBlockAsync(ReadOnlyMemory<byte> lines, CancellationToken ct)
    {
        using var stream = new MemoryStream(lines.ToArray(), writable: false);
        await _blob.AppendBlockAsync(stream, cancellationToken: ct).ConfigureAwait(false);
    }

    private List<StoredAction> Parse(string text)
    {
        var results = new List<StoredAction>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            StoredAction? stored;
            try
            {
                stored = JsonSerializer.Deserialize<StoredAction>(line, FleetOpsJson.Options);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"blob {_blobs.ContainerName}/{_name} line {lineNumber} is not a stored action: {e.Message}", e);
            }
            if (stored?.Result?.Node is { } node && seen.Add(node)) results.Add(stored);
        }
        return results;
    }

    /// <summary>For logs and errors.</summary>
    public override string ToString() => $"{_blobs.ContainerName}/{_name}";
}
