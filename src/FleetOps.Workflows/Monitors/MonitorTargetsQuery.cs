using System.Globalization;
using System.Text.RegularExpressions;
using FleetOps.Core.Monitors;
using FleetOps.Core.Results;

namespace FleetOps.Workflows.Monitors;

/// <summary>One target as <c>GET /api/monitors/{name}/targets</c> shows it: its state, since when, its counts and last result.</summary>
public sealed record TargetRow(string Name, string Address, MonitorState State)
{
    public MonitorState Previous { get; init; }
    public DateTimeOffset? Since { get; init; }
    public int ConsecutiveFailures { get; init; }
    public int ConsecutiveSuccesses { get; init; }
    public DateTimeOffset? LastAt { get; init; }
    public double? LatencyMs { get; init; }
    public string? FailingCheck { get; init; }
    public ErrorKind? ErrorKind { get; init; }
    public string? Error { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

public sealed record TargetsPage(List<TargetRow> Targets, string? Continuation);

/// <summary>
/// A page of a monitor's targets, in layout order, read batch by batch from the state blobs (the per-target last
/// result lives there too: what metrics read). A request reads at most <see cref="MaxBatchesPerPage"/> batches; with a
/// state filter few targets match, a page may be short and still carry a continuation.
/// </summary>
public sealed partial class MonitorTargetsQuery(MonitorStateStore store)
{
    public const int MaxBatchesPerPage = 16;

    /// <summary>Whether <paramref name="token"/> is a continuation this query gives out: <c>{version}-{batch}-{index}</c>.</summary>
    public static bool IsContinuation(string token) => Shape().IsMatch(token);

    /// <exception cref="FormatException">The continuation belongs to a layout that has since changed.</exception>
    public async Task<TargetsPage> PageAsync(MonitorRecord record, MonitorState? filter, int limit, string? continuation, CancellationToken ct)
    {
        var (monitor, inc) = (record.Name, record.Incarnation);
        if (await store.ReadPlanAsync(monitor, inc, ct).ConfigureAwait(false) is not { } plan) return new TargetsPage([], null);
        var (batch, index) = (0, 0);
        if (continuation is not null)
        {
            var parts = continuation.Split('-').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            if (parts[0] != plan.Version) throw new FormatException("the monitor's targets changed since this continuation was given: start again without it");
            (batch, index) = (parts[1], parts[2]);
        }
        var rows = new List<TargetRow>();
        for (var read = 0; batch < plan.BatchCount && read < MaxBatchesPerPage; batch++, index = 0, read++)
        {
            var tasks = (await store.ReadBatchAsync(monitor, inc, plan.Version, batch, ct).ConfigureAwait(false)).Tasks;
            var state = await store.ReadStateAsync(monitor, inc, plan.Version, batch, ct).ConfigureAwait(false);
            for (; index < tasks.Count; index++)
            {
                var target = tasks[index].Target;
                var s = state?.Targets.GetValueOrDefault(target.Name)?.State ?? TargetState.New;
                if (filter is { } f && s.State != f) continue;
                rows.Add(Row(target.Name, target.Address, s, target.Labels));
                if (rows.Count == limit)
                {
                    var more = index + 1 < tasks.Count || batch + 1 < plan.BatchCount;
                    return new TargetsPage(rows, more ? Token(plan.Version, batch, index + 1) : null);
                }
            }
        }
        return new TargetsPage(rows, batch < plan.BatchCount ? Token(plan.Version, batch, 0) : null);
    }

    private static TargetRow Row(string name, string address, TargetState s, IReadOnlyDictionary<string, string>? labels) => new(name, address, s.State)
    {
        Previous = s.Previous, Since = s.Since, ConsecutiveFailures = s.ConsecutiveFailures, ConsecutiveSuccesses = s.ConsecutiveSuccesses,
        LastAt = s.LastAt, LatencyMs = s.LatencyMs, FailingCheck = s.FailingCheck, ErrorKind = s.ErrorKind, Error = s.Error,
        Labels = labels is { Count: > 0 } ? labels : null,
    };

    private static string Token(int version, int batch, int index) => string.Create(CultureInfo.InvariantCulture, $"{version}-{batch}-{index}");

    [GeneratedRegex("^[0-9]{1,6}-[0-9]{1,5}-[0-9]{1,5}$")]
    private static partial Regex Shape();
}
