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
/// </summary>
public sealed class ActionJournal(BlobJsonStore blobs, string name)
{
    private readonly AppendBlobClient _blob = blobs.Container.GetAppendBlobClient(name);

    public string Name => name;

    /// <summary>Every stored line, first per node; empty when the chunk has not started.</summary>
    public async Task<List<StoredAction>> ReadAsync(CancellationToken ct)
    {
        await blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
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

    /// <summary>Creates the journal if it is not there yet (before the first append of a chunk).</summary>
    public async Task CreateAsync(CancellationToken ct)
    {
        await blobs.EnsureCreatedAsync(ct).ConfigureAwait(false);
        await _blob.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
    }

    public async Task AppendAsync(StoredAction result, CancellationToken ct)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(result, FleetOpsJson.Options).Append((byte)'\n').ToArray();
        using var stream = new MemoryStream(line, writable: false);
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
                throw new InvalidDataException($"blob {blobs.ContainerName}/{name} line {lineNumber} is not a stored action: {e.Message}", e);
            }
            if (stored?.Result?.Node is { } node && seen.Add(node)) results.Add(stored);
        }
        return results;
    }

    /// <summary>For logs and errors.</summary>
    public override string ToString() => $"{blobs.ContainerName}/{name}";
}
