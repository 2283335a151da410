using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using Microsoft.DurableTask;

namespace FleetOps.Host.Benchmarks;

public sealed record NaiveSweepInput(IReadOnlyList<ProbeTask> Targets, ProbeOptions Probe);

/// <summary>
/// The design FleetOps does not use, kept for the benchmark only: one activity per target, every target in the
/// orchestration's input and history. Registered only when FleetOps:Benchmarks:NaiveWorkflows is true.
/// </summary>
public sealed class NaiveSweepOrchestrator : TaskOrchestrator<NaiveSweepInput, int>
{
    public const string Name = nameof(NaiveSweepOrchestrator);

    public override async Task<int> RunAsync(TaskOrchestrationContext context, NaiveSweepInput input)
    {
        var results = await Task.WhenAll(input.Targets.Select(t =>
            context.CallActivityAsync<TargetResult>(ProbeOneActivity.Name, new ProbeOneInput(t, input.Probe))));
        return results.Count(r => r.Ok);
    }
}

public sealed record ProbeOneInput(ProbeTask Target, ProbeOptions Probe);

/// <summary>Probes a single target: the unit of work of the naive design.</summary>
public sealed class ProbeOneActivity(FleetProber prober) : TaskActivity<ProbeOneInput, TargetResult>
{
    public const string Name = nameof(ProbeOneActivity);

    public override Task<TargetResult> RunAsync(TaskActivityContext context, ProbeOneInput input) =>
        prober.ProbeTargetAsync(input.Target, input.Probe, CancellationToken.None);
}
