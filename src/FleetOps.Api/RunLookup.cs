using FleetOps.Core.Contracts;
using FleetOps.Workflows;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>
/// The one way a route finds a run by id. An id no request could have (an internal instance's, such as a sweep's
/// chunk <c>{runId}:chunk:0000</c>) is not looked up at all, and an orchestration that is not a run kind
/// (<see cref="WorkflowCatalog.RunKinds"/>) is not a run: both are "no such run" (404) on every route.
/// </summary>
public static class RunLookup
{
    public static async Task<OrchestrationMetadata?> FindAsync(string id, DurableTaskClient client, bool withPayloads, CancellationToken ct)
    {
        if (RequestIds.Check(id) is not null) return null;
        var metadata = await client.GetInstanceAsync(id, withPayloads, ct).ConfigureAwait(false);
        return IsRun(metadata) ? metadata : null;
    }

    public static bool IsRun(OrchestrationMetadata? metadata) => metadata is not null && WorkflowCatalog.RunKinds.ContainsKey(metadata.Name);
}
