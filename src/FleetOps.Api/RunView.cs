using FleetOps.Core.Summaries;
using FleetOps.Workflows;
using FleetOps.Workflows.Rollouts;
using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>GET /api/runs/{id}: the engine's view of a run, with our progress and summary types.</summary>
public sealed record RunView(
    string Id,
    string Kind,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    SweepProgress? Progress,
    SweepSummary? Summary,
    RunFailure? Failure,
    RunLinks Links)
{
    /// <summary>A rollout's state, wave k of n, nodes done and failed, gate failures, what it waits for, why it stopped.</summary>
    public RolloutProgress? Rollout { get; init; }

    public static RunView From(OrchestrationMetadata m)
    {
        if (m.Name == RolloutOrchestrator.Name)
        {
            return new RunView(m.InstanceId, "rollout", m.RuntimeStatus.ToString(), m.CreatedAt, m.LastUpdatedAt, null, null,
                m.FailureDetails is { } rf ? new RunFailure(rf.ErrorType, rf.ErrorMessage) : null,
                new RunLinks(Routes.RunPath(m.InstanceId), Routes.ReportPath(m.InstanceId), Routes.CancelPath(m.InstanceId)))
            {
                Rollout = RolloutsApi.Progress(m),
            };
        }
        var kind = WorkflowCatalog.RunKinds.GetValueOrDefault(m.Name, m.Name);
        var completed = m.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
        return new RunView(
            m.InstanceId,
            kind,
            m.RuntimeStatus.ToString(),
            m.CreatedAt,
            m.LastUpdatedAt,
            m.SerializedCustomStatus is null ? null : m.ReadCustomStatusAs<SweepProgress>(),
            completed && m.SerializedOutput is not null ? m.ReadOutputAs<SweepSummary>() : null,
            m.FailureDetails is { } f ? new RunFailure(f.ErrorType, f.ErrorMessage) : null,
            new RunLinks(Routes.RunPath(m.InstanceId), Routes.ReportPath(m.InstanceId), Routes.CancelPath(m.InstanceId)));
    }
}

public sealed record RunFailure(string Type, string Message);

public sealed record RunLinks(string Self, string Report, string Cancel);

/// <summary>202 to POST /api/sweeps.</summary>
public sealed record RunAccepted(string Id, bool Created, int Targets, int Batches, RunLinks Links);
