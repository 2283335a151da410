using FleetOps.Core.Contracts;
using FleetOps.Core.Monitors;
using FleetOps.Workflows.Hosting;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// A cycle's first step: reads the monitor's record (deleted? paused? replaced by a new incarnation?), makes sure the
/// layout matches the definition (cutting a new one when the definition or its stored inventory changed), and says
/// when the next cycle is due and what it needs. Idempotent: it only reads, or re-cuts the same layout.
/// </summary>
public sealed class PrepareCycleActivity(MonitorStore monitors, MonitorStateStore state, MonitorTargets targets, MonitorLayouts layouts,
    IOptions<MonitorOptions> options, ILogger<PrepareCycleActivity> logger) : TaskActivity<PrepareCycleInput, CyclePlan>
{
    public const string Name = nameof(PrepareCycleActivity);

    public override Task<CyclePlan> RunAsync(TaskActivityContext context, PrepareCycleInput input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable from any host (the Functions trigger has no TaskActivityContext).</summary>
    public async Task<CyclePlan> ExecuteAsync(PrepareCycleInput input, CancellationToken ct)
    {
        var record = await monitors.GetAsync(input.Monitor, ct).ConfigureAwait(false);
        if (record is null) return new CyclePlan(MonitorLifecycle.Deleted) { Incarnation = input.Incarnation };
        var definition = record.Definition;
        var baseline = new CyclePlan(record.Paused ? MonitorLifecycle.Paused : MonitorLifecycle.Active) { Incarnation = record.Incarnation };
        if (record.Paused || (input.Incarnation is not null && input.Incarnation != record.Incarnation)) return baseline;

        var (plan, problem) = await CurrentPlanAsync(record, input.Now, ct).ConfigureAwait(false);
        if (plan is null) return baseline with { Problem = problem, Due = input.Now + RetryAfter, StartAt = input.Now + RetryAfter };

        var schedule = MonitorSchedule.For(definition, options.Value.Rules);
        var next = input.LastDue is { } lastDue
            ? schedule.Next(lastDue, input.LastFinishedAt ?? input.Now)
            : new NextCycle(schedule.FirstDue(input.Now), schedule.FirstDue(input.Now), 0);
        long floor = 0;
        if (input.FreshStart)
            floor = (await state.ReadStateAsync(record.Name, record.Incarnation, plan.Version, 0, ct).ConfigureAwait(false))?.LastCycle ?? 0;
        var thresholds = Thresholds.For(definition);
        return baseline with
        {
            Version = plan.Version,
            BatchCount = plan.BatchCount,
            TargetCount = plan.TargetCount,
            Due = next.Due,
            StartAt = next.StartAt,
            Skipped = next.Skipped,
            Maintenance = MaintenanceSchedule.For(definition).Contains(next.StartAt),
            FailureThreshold = thresholds.Failure,
            SuccessThreshold = thresholds.Success,
            Probe = ProbeOptionsOf(definition),
            Notifiers = (definition.Notifiers ?? []).Select(NotifierRoute.From).ToList(),
            Heartbeat = definition.Heartbeat is { } h ? new HeartbeatPlan(Heartbeat.For(h).Period, Heartbeat.For(h).Grace, record.ActiveSince) : null,
            CycleFloor = floor,
            MaxParallelBatches = options.Value.MaxParallelBatches,
            Problem = problem,
        };
    }

    /// <summary>The layout to probe: the stored one while it matches; else a new cut; on a resolve problem the old one (if any) and the problem.</summary>
    private async Task<(MonitorPlan? Plan, string? Problem)> CurrentPlanAsync(MonitorRecord record, DateTimeOffset now, CancellationToken ct)
    {
        var current = await state.ReadPlanAsync(record.Name, record.Incarnation, ct).ConfigureAwait(false);
        try
        {
            if (current is not null && current.DefinitionVersion == record.Version
                && current.InventoryETag == await targets.InventoryETagAsync(record.Definition, ct).ConfigureAwait(false))
                return (current, null);
            var resolved = await targets.ResolveAsync(record.Name, record.Definition, ct).ConfigureAwait(false);
            if (MonitorLayouts.FanOutProblem(record.Definition, resolved.Targets.Count) is { } fanOut) throw new RequestValidationException([fanOut]);
            return (await layouts.CutAsync(record, resolved, current, now, ct).ConfigureAwait(false), null);
        }
        catch (RequestValidationException e)
        {
            var problem = string.Join("; ", e.Errors.Select(x => $"{x.Field}: {x.Message}"));
            logger.LogWarning("Monitor {Monitor}: its targets cannot be resolved now: {Problem}", record.Name, problem);
            return (current, problem);
        }
    }

    /// <summary>How long a monitor whose targets cannot be resolved (and has no layout yet) waits before it tries again.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    /// <summary>The probe options a sweep with the same <c>options</c> would use.</summary>
    public static Core.Checks.ProbeOptions ProbeOptionsOf(MonitorDefinition definition) =>
        SweepPlan.For(new SweepRequest { Options = definition.Options }).Probe;
}
