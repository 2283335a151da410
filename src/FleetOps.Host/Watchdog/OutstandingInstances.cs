using DurableTask.Core;
using DurableTask.Core.Query;
using FleetOps.Host.Engine;

namespace FleetOps.Host.Watchdog;

/// <summary>The Pending and Running orchestrations of the hub (optionally under an id prefix), page by page, up to a bound.</summary>
internal static class OutstandingInstances
{
    private static readonly OrchestrationStatus[] Outstanding = [OrchestrationStatus.Pending, OrchestrationStatus.Running];

    public static async Task<List<OrchestrationState>> ListAsync(EngineRuntime engine, string? idPrefix, int pageSize, int max, CancellationToken ct)
    {
        var states = new List<OrchestrationState>();
        string? continuation = null;
        do
        {
            var page = await engine.Service.GetOrchestrationWithQueryAsync(new OrchestrationQuery
            {
                RuntimeStatus = Outstanding,
                InstanceIdPrefix = idPrefix,
                PageSize = pageSize,
                ContinuationToken = continuation,
                FetchInputsAndOutputs = false,
            }, ct).ConfigureAwait(false);
            states.AddRange(page.OrchestrationState);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null && states.Count < max);
        return states;
    }
}
