using System.Text.Json;
using Azure.Data.Tables;
using FleetOps.Core;
using FleetOps.Core.Monitors;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Monitors;

/// <summary>What a PUT did: created, changed or left the monitor as it was; the token when one was minted now.</summary>
public sealed record PutOutcome(MonitorRecord Record, bool Created, bool Changed, string? Token);

/// <summary>A monitor as the index lists it.</summary>
public sealed record MonitorIndexEntry(string Name, bool Paused, bool Heartbeat, int Version, DateTimeOffset? UpdatedAt);

/// <summary>
/// Monitor definitions: one record blob per monitor (the truth), written with ETags so concurrent PUTs, pauses and
/// deletes never lose each other's change; a row per monitor in the table <c>FleetOpsMonitors</c> (the index the list
/// and the reconciler read); and <c>_heartbeats/{hash}.json</c> from a heartbeat token's hash to its monitor.
/// </summary>
public sealed class MonitorStore(StorageClients storage, TimeProvider time)
{
    public const string IndexTableName = "FleetOpsMonitors";
    private const string Partition = "monitors";
    private const int MaxRounds = 8;

    private readonly BlobJsonStore _blobs = new(storage.Blobs, MonitorPaths.Container);
    private readonly IndexTable _index = new(storage.Tables, IndexTableName);

    public BlobJsonStore Blobs => _blobs;

    public Task<MonitorRecord?> GetAsync(string name, CancellationToken ct) => _blobs.TryReadAsync<MonitorRecord>(MonitorPaths.Record(name), ct);

    /// <summary>Creates or replaces the monitor. A definition equal to the stored one changes nothing.</summary>
    public async Task<PutOutcome> PutAsync(string name, MonitorDefinition definition, CancellationToken ct)
    {
        definition = definition with { Name = name };
        var path = MonitorPaths.Record(name);
        for (var round = 0; round < MaxRounds; round++)
        {
            var now = time.GetUtcNow();
            var current = await _blobs.TryReadVersionedAsync<MonitorRecord>(path, ct).ConfigureAwait(false);
            string? token = null, hash = null;
            if (definition.Heartbeat is not null && current?.Value.TokenHash is null)
            {
                (token, hash) = HeartbeatTokens.Mint();
            }
            if (current is null)
            {
                var created = new MonitorRecord
                {
                    Name = name, Definition = definition, Incarnation = Guid.NewGuid().ToString("N")[..12],
                    CreatedAt = now, UpdatedAt = now, ActiveSince = now, TokenHash = hash,
                };
                if (hash is not null) await IndexTokenAsync(hash, created, ct).ConfigureAwait(false);
                if (!await _blobs.TryCreateAsync(path, created, ct).ConfigureAwait(false)) continue;
                await UpsertIndexAsync(created, ct).ConfigureAwait(false);
                return new PutOutcome(created, Created: true, Changed: true, token);
            }

            var (old, etag) = current.Value;
            if (Json(old.Definition) == Json(definition)) return new PutOutcome(old, Created: false, Changed: false, Token: null);
            var record = old with
            {
                Definition = definition,
                Version = SameLayout(old.Definition, definition) ? old.Version : old.Version + 1,
                UpdatedAt = now,
                ActiveSince = old.Paused && definition.Paused != true ? now : old.ActiveSince,
                TokenHash = definition.Heartbeat is null ? null : hash ?? old.TokenHash,
            };
            if (hash is not null) await IndexTokenAsync(hash, record, ct).ConfigureAwait(false);
            if (!await _blobs.TryReplaceAsync(path, record, etag, ct).ConfigureAwait(false)) continue;
            await UpsertIndexAsync(record, ct).ConfigureAwait(false);
            if (old.TokenHash is { } oldHash && oldHash != record.TokenHash)
                await _blobs.DeleteAsync(MonitorPaths.HeartbeatIndex(oldHash), ct).ConfigureAwait(false);
            return new PutOutcome(record, Created: false, Changed: true, token);
        }
        throw new InvalidOperationException($"monitor '{name}' kept being changed by other requests; {MaxRounds} rounds did not settle");
    }

    /// <summary>Pauses or resumes; null when there is no such monitor. Resuming restarts a heartbeat's wait.</summary>
    public async Task<(MonitorRecord Record, bool Changed)?> SetPausedAsync(string name, bool paused, CancellationToken ct)
    {
        var path = MonitorPaths.Record(name);
        for (var round = 0; round < MaxRounds; round++)
        {
            if (await _blobs.TryReadVersionedAsync<MonitorRecord>(path, ct).ConfigureAwait(false) is not { } current) return null;
            var (old, etag) = current;
            if (old.Paused == paused) return (old, false);
            var now = time.GetUtcNow();
            var record = old with
            {
                Definition = old.Definition with { Paused = paused ? true : null },
                UpdatedAt = now,
                ActiveSince = paused ? old.ActiveSince : now,
            };
            if (!await _blobs.TryReplaceAsync(path, record, etag, ct).ConfigureAwait(false)) continue;
            await UpsertIndexAsync(record, ct).ConfigureAwait(false);
            return (record, true);
        }
        throw new InvalidOperationException($"monitor '{name}' kept being changed by other requests; {MaxRounds} rounds did not settle");
    }

    /// <summary>Removes the monitor's record, index row and token; its data goes with its orchestration. Null when there was none.</summary>
    public async Task<MonitorRecord?> DeleteAsync(string name, CancellationToken ct)
    {
        var path = MonitorPaths.Record(name);
        for (var round = 0; round < MaxRounds; round++)
        {
            if (await _blobs.TryReadVersionedAsync<MonitorRecord>(path, ct).ConfigureAwait(false) is not { } current)
            {
                await DeleteIndexAsync(name, ct).ConfigureAwait(false);
                return null;
            }
            if (!await _blobs.DeleteAsync(path, ct, current.ETag).ConfigureAwait(false)) continue;
            await DeleteIndexAsync(name, ct).ConfigureAwait(false);
            if (current.Value.TokenHash is { } hash) await _blobs.DeleteAsync(MonitorPaths.HeartbeatIndex(hash), ct).ConfigureAwait(false);
            return current.Value;
        }
        throw new InvalidOperationException($"monitor '{name}' kept being changed by other requests; {MaxRounds} rounds did not settle");
    }

    /// <summary>The monitor a heartbeat token belongs to; null for a token no monitor has (now).</summary>
    public async Task<MonitorRecord?> FindByTokenAsync(string token, CancellationToken ct)
    {
        if (!HeartbeatTokens.IsWellFormed(token)) return null;
        var hash = HeartbeatTokens.Hash(token);
        if (await _blobs.TryReadAsync<HeartbeatIndexEntry>(MonitorPaths.HeartbeatIndex(hash), ct).ConfigureAwait(false) is not { } entry) return null;
        var record = await GetAsync(entry.Monitor, ct).ConfigureAwait(false);
        // The index may outlive a token (a crash between writes): the record is the truth.
        return record?.TokenHash == hash && record.Definition.Heartbeat is not null ? record : null;
    }

    /// <summary>Up to <paramref name="max"/> monitors by name after <paramref name="after"/>, and whether more follow.</summary>
    public async Task<(List<MonitorIndexEntry> Monitors, bool More)> ListAsync(string? after, int max, CancellationToken ct)
    {
        var (rows, more) = await _index.RangeAsync(Partition, after, max, ct).ConfigureAwait(false);
        return (rows.Select(r => new MonitorIndexEntry(r.RowKey, r.GetBoolean("Paused") ?? false, r.GetBoolean("Heartbeat") ?? false,
            r.GetInt32("Version") ?? 0, r.GetDateTimeOffset("UpdatedAt"))).ToList(), more);
    }

    /// <summary>Every monitor's name in the index (the reconciler's round), page by page.</summary>
    public async Task<List<string>> AllNamesAsync(CancellationToken ct)
    {
        var names = new List<string>();
        string? after = null;
        while (true)
        {
            var (page, more) = await ListAsync(after, IndexTable.MaxPage, ct).ConfigureAwait(false);
            names.AddRange(page.Select(p => p.Name));
            if (!more || page.Count == 0) return names;
            after = page[^1].Name;
        }
    }

    /// <summary>Re-writes a monitor's index row from its record (the reconciler repairs a row lost in a crash).</summary>
    public Task UpsertIndexAsync(MonitorRecord record, CancellationToken ct) =>
        _index.UpsertAsync(new TableEntity(Partition, record.Name)
        {
            ["Paused"] = record.Paused,
            ["Heartbeat"] = record.Definition.Heartbeat is not null,
            ["Version"] = record.Version,
            ["UpdatedAt"] = record.UpdatedAt,
        }, ct);

    private async Task DeleteIndexAsync(string name, CancellationToken ct)
    {
        await _index.EnsureCreatedAsync(ct).ConfigureAwait(false);
        await _index.Client.DeleteEntityAsync(Partition, name, cancellationToken: ct).ConfigureAwait(false);
    }

    private Task IndexTokenAsync(string hash, MonitorRecord record, CancellationToken ct) =>
        _blobs.WriteAsync(MonitorPaths.HeartbeatIndex(hash), new HeartbeatIndexEntry(record.Name, record.Incarnation), ct);

    private static string Json(MonitorDefinition definition) => JsonSerializer.Serialize(definition, FleetOpsJson.Options);

    /// <summary>The same targets, checks and probing: the stored batches still hold (pause, notifiers, timing may differ).</summary>
    private static bool SameLayout(MonitorDefinition a, MonitorDefinition b) => Json(Layout(a)) == Json(Layout(b));

    private static MonitorDefinition Layout(MonitorDefinition d) => new()
    {
        Targets = d.Targets, Inventory = d.Inventory, InventoryInline = d.InventoryInline, Selector = d.Selector, Checks = d.Checks,
        Options = d.Options, ParentLabel = d.ParentLabel, Heartbeat = d.Heartbeat is null ? null : new HeartbeatSpec(),
    };
}
