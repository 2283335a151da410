using System.Collections.Concurrent;
using FleetOps.Api.Client;

namespace FleetOps.Cli.Apply;

/// <summary>
/// The server side of <c>fleetops apply</c>: reads what is stored (every monitor and notifier, to find this set's
/// items that left the file) and carries out a plan's steps, one request each.
/// </summary>
internal sealed class ApplyRunner(FleetOpsApiClient api, Uri server)
{
    /// <summary>GETs at once while reading what is stored.</summary>
    private const int Parallel = 8;

    /// <summary>Every stored monitor and notifier (plus the file's, by name), and a warning when the notifier list was cut.</summary>
    public async Task<(IReadOnlyList<StoredItem> Items, string? Warning)> ReadStoredAsync(IReadOnlyList<DesiredItem> desired, CancellationToken ct)
    {
        var monitors = await api.ListMonitorNamesAsync(ct).ConfigureAwait(false);
        var (notifiers, more) = await api.ListNotifiersAsync(ct).ConfigureAwait(false);

        var names = monitors.Select(n => (ApplyKind.Monitor, n)).Concat(notifiers.Select(n => (ApplyKind.Notifier, n)))
            .Concat(desired.Select(d => (d.Kind, d.Name))).Distinct().ToList();
        var stored = new ConcurrentBag<StoredItem>();
        await System.Threading.Tasks.Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct }, async (item, token) =>
        {
            var (kind, name) = item;
            var answer = kind == ApplyKind.Monitor
                ? await api.GetMonitorAsync(name, token).ConfigureAwait(false)
                : await api.GetNotifierAsync(name, token).ConfigureAwait(false);
            // One deleted between the list and its GET is simply not there.
            if (answer is not null) stored.Add(kind == ApplyKind.Monitor ? StoredItems.Monitor(name, answer) : StoredItems.Notifier(name, answer));
        }).ConfigureAwait(false);
        var warning = more ? "the server has more than 1,000 notifiers: notifiers of this set beyond the first 1,000 are not seen (not removed)" : null;
        return ([.. stored], warning);
    }

    /// <summary>Sends a step (PUT or DELETE); returns a note to show, such as a new heartbeat's link (shown once).</summary>
    public async Task<string?> CarryOutAsync(PlannedStep step, CancellationToken ct)
    {
        switch (step.Action, step.Kind)
        {
            case (ApplyAction.Removed, ApplyKind.Monitor):
                await api.DeleteMonitorAsync(step.Name, ct).ConfigureAwait(false);
                return null;
            case (ApplyAction.Removed, ApplyKind.Notifier):
                await api.DeleteNotifierAsync(step.Name, ct).ConfigureAwait(false);
                return null;
            case (_, ApplyKind.Monitor):
                var answer = await api.PutMonitorAsync(step.Name, step.Desired!.Body, ct).ConfigureAwait(false);
                return answer["links"]?["heartbeat"]?.GetValue<string>() is { } link
                    ? $"heartbeat link (shown once, keep it): {new Uri(server, link)}"
                    : null;
            default:
                await api.PutNotifierAsync(step.Name, step.Desired!.Body, ct).ConfigureAwait(false);
                return null;
        }
    }
}
