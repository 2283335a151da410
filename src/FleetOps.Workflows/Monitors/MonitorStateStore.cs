using System.Collections.Concurrent;
using FleetOps.Core.Checks;
using FleetOps.Core.Monitors;
using FleetOps.Workflows.Storage;

namespace FleetOps.Workflows.Monitors;

/// <summary>The layout in use: which version of the cut, from which definition version (and inventory ETag), how many batches.</summary>
public sealed record MonitorPlan
{
    public int Version { get; init; }
    public int DefinitionVersion { get; init; }
    public string? InventoryETag { get; init; }
    public int BatchCount { get; init; }
    public int BatchSize { get; init; }
    public int TargetCount { get; init; }
    public bool Heartbeat { get; init; }

    /// <summary>Per parent (gateway): how many targets name it.</summary>
    public Dictionary<string, int> Dependents { get; init; } = [];

    public DateTimeOffset CutAt { get; init; }
}

/// <summary>One batch's targets and checks, their parents, and which of them are parents.</summary>
public sealed record MonitorBatch(List<ProbeTask> Tasks)
{
    public Dictionary<string, string>? ParentOf { get; init; }
    public List<string>? Parents { get; init; }
}

/// <summary>
/// One batch's state between cycles (read once and written once per cycle). <see cref="LastCycle"/> makes a cycle
/// apply once: a redelivered activity finds it and returns <see cref="Outcome"/>. <see cref="Transitions"/> are the
/// last cycle's, for the alert planner.
/// </summary>
public sealed record MonitorBatchState(int Version, int Batch)
{
    public long LastCycle { get; init; }
    public DateTimeOffset? LastCycleAt { get; init; }
    public Dictionary<string, TargetRecord> Targets { get; init; } = [];
    public BatchCycleOutcome? Outcome { get; init; }
    public List<StateTransition>? Transitions { get; init; }
}

/// <summary>
/// A target's state and its uptime not yet in history: the tally of the hour <see cref="HourKey"/> (not flushed yet),
/// and <see cref="Today"/>, the flushed hours of that hour's day (so a window ending now needs no hour blobs of today).
/// Tallies are <see cref="UptimeCodec"/> text.
/// </summary>
public sealed record TargetRecord
{
    public TargetState State { get; init; } = TargetState.New;
    public string? HourKey { get; init; }
    public string? Hour { get; init; }
    public string? Today { get; init; }
}

/// <summary>The planner's memory: a ledger entry per target with something told or held back, and the batch it lives in.</summary>
public sealed record AlertLedger
{
    public int Version { get; init; }
    public long LastCycle { get; init; }
    public Dictionary<string, LedgerItem> Entries { get; init; } = [];
    public PlanAlertsOutcome? Outcome { get; init; }
}

public sealed record LedgerItem(AlertLedgerEntry Entry, int Batch);

/// <summary>
/// A monitor incarnation's working data in <c>fleetops-monitors</c> (names in <see cref="MonitorPaths"/>): the plan,
/// each layout's batches and per-batch state, the alert ledger and the heartbeat's last signals. Batches never change
/// once written, so each process reads one at most once (a bounded cache).
/// </summary>
public sealed class MonitorStateStore(StorageClients storage)
{
    private const int CachedBatches = 512;
    private readonly BlobJsonStore _blobs = new(storage.Blobs, MonitorPaths.Container);
    private readonly ConcurrentDictionary<string, MonitorBatch> _batches = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _batchOrder = new();

    public BlobJsonStore Blobs => _blobs;

    public Task<MonitorPlan?> ReadPlanAsync(string monitor, string inc, CancellationToken ct) => _blobs.TryReadAsync<MonitorPlan>(MonitorPaths.Plan(monitor, inc), ct);

    public Task WritePlanAsync(string monitor, string inc, MonitorPlan plan, CancellationToken ct) => _blobs.WriteAsync(MonitorPaths.Plan(monitor, inc), plan, ct);

    public Task WriteBatchAsync(string monitor, string inc, int version, int batch, MonitorBatch content, CancellationToken ct) =>
        _blobs.WriteAsync(MonitorPaths.Batch(monitor, inc, version, batch), content, ct);

    public async Task<MonitorBatch> ReadBatchAsync(string monitor, string inc, int version, int batch, CancellationToken ct)
    {
        var name = MonitorPaths.Batch(monitor, inc, version, batch);
        if (_batches.TryGetValue(name, out var cached)) return cached;
        var read = await _blobs.ReadAsync<MonitorBatch>(name, ct).ConfigureAwait(false);
        if (_batches.TryAdd(name, read))
        {
            _batchOrder.Enqueue(name);
            while (_batchOrder.Count > CachedBatches && _batchOrder.TryDequeue(out var old)) _batches.TryRemove(old, out _);
        }
        return read;
    }

    public Task<MonitorBatchState?> ReadStateAsync(string monitor, string inc, int version, int batch, CancellationToken ct) =>
        _blobs.TryReadAsync<MonitorBatchState>(MonitorPaths.State(monitor, inc, version, batch), ct);

    public Task WriteStateAsync(string monitor, string inc, MonitorBatchState state, CancellationToken ct) =>
        _blobs.WriteAsync(MonitorPaths.State(monitor, inc, state.Version, state.Batch), state, ct);

    /// <summary>Every batch's state of a layout (missing batches left out), read in parallel.</summary>
    public async Task<List<MonitorBatchState>> ReadStatesAsync(string monitor, string inc, int version, IEnumerable<int> batches, CancellationToken ct)
    {
        var list = batches.Distinct().Order().ToList();
        var states = new MonitorBatchState?[list.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, token) => states[i] = await ReadStateAsync(monitor, inc, version, list[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return [.. states.Where(s => s is not null).Select(s => s!)];
    }

    public async Task<AlertLedger> ReadLedgerAsync(string monitor, string inc, CancellationToken ct) =>
        await _blobs.TryReadAsync<AlertLedger>(MonitorPaths.Ledger(monitor, inc), ct).ConfigureAwait(false) ?? new AlertLedger();

    public Task WriteLedgerAsync(string monitor, string inc, AlertLedger ledger, CancellationToken ct) =>
        _blobs.WriteAsync(MonitorPaths.Ledger(monitor, inc), ledger, ct);

    public Task WriteBeatAsync(string monitor, string inc, HeartbeatSignal beat, CancellationToken ct) => _blobs.WriteAsync(MonitorPaths.Beat(monitor, inc), beat, ct);

    public Task WriteFailureAsync(string monitor, string inc, HeartbeatSignal failure, CancellationToken ct) => _blobs.WriteAsync(MonitorPaths.Failure(monitor, inc), failure, ct);

    public async Task<HeartbeatLog> ReadHeartbeatAsync(string monitor, string inc, DateTimeOffset waitingSince, CancellationToken ct)
    {
        var beat = _blobs.TryReadAsync<HeartbeatSignal>(MonitorPaths.Beat(monitor, inc), ct);
        var failure = _blobs.TryReadAsync<HeartbeatSignal>(MonitorPaths.Failure(monitor, inc), ct);
        var (b, f) = (await beat.ConfigureAwait(false), await failure.ConfigureAwait(false));
        // Signals from before the wait began (before a resume) do not count.
        return new HeartbeatLog(waitingSince, b?.At >= waitingSince ? b.At : null, f?.At >= waitingSince ? f.At : null, f?.Message);
    }

    public Task<int> DeleteLayoutAsync(string monitor, string inc, int version, CancellationToken ct) =>
        _blobs.DeletePrefixAsync(MonitorPaths.Layout(monitor, inc, version), ct);

    public Task<int> DeleteIncarnationAsync(string monitor, string inc, CancellationToken ct) =>
        _blobs.DeletePrefixAsync(MonitorPaths.Incarnation(monitor, inc), ct);
}
