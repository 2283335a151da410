using FleetOps.Core.Rollouts;
using FleetOps.Core.Rollouts.Analysis;
using FleetOps.Workflows.Sweeps;

namespace FleetOps.Workflows.Rollouts;

/// <summary>
/// The gate's Prometheus analysis, after the checks passed: rounds of <see cref="AnalysisActivity"/> an interval
/// apart, judged by <see cref="AnalysisTally"/>. Failed: the failing nodes (a fleet-scoped query: every gated node)
/// are gate failures against the budget, as a failing gate's are. Inconclusive: the rollout holds, state
/// <c>paused</c> with the reason, until a person resumes it; the analysis then starts again from its first round.
/// </summary>
internal sealed partial class RolloutRun
{
    /// <summary>Enters the analysis when the gate has queries; otherwise leaves the step as it is.</summary>
    private void StartAnalysis(RolloutGate gate)
    {
        if (gate.Prometheus is not { Count: > 0 } queries) return;
        _c = _c with { Step = RolloutStep.Analysis, Analysis = AnalysisTally.Start(queries.Count), AnalysisHeld = null };
    }

    /// <summary>A resume arrived while the analysis held the rollout: measure again from the first round.</summary>
    private void ReleaseAnalysis()
    {
        _c = _c with { AnalysisHeld = null, State = RolloutState.Running, Reason = null, Analysis = AnalysisTally.Start(_input.Gate?.Prometheus?.Count ?? 0) };
        Log(TimelineEvents.AnalysisRestarted, "resumed: the Prometheus analysis starts again from its first round");
    }

    private async Task AnalysisAsync(RolloutGate gate)
    {
        if (_c.AnalysisHeld is not null)
        {
            // Held for a person: any control event wakes the loop, which takes it (a resume releases the hold, a cancel ends the rollout).
            _steps++;
            await Task.WhenAny(_signals.Watching(includeApproval: true));
            return;
        }
        var queries = gate.Prometheus!;
        var tallies = _c.Analysis ?? AnalysisTally.Start(queries.Count);
        var call = _context.CallActivityAsync<AnalysisOutcome>(AnalysisActivity.Name,
            new AnalysisInput(_input.RunId, _c.NodeList, _c.WaveStart, _sizes[_c.Wave], _c.Wave, queries, AnalysisTally.Due(queries, tallies)), BatchFanOut.BatchRetry);
        if (await WaitAsync(call) is null) return;
        var outcome = await call;
        tallies = AnalysisTally.Record(tallies, outcome.Measurements);
        _c = _c with { Analysis = tallies };
        var decision = AnalysisTally.Decide(queries, tallies);
        switch (decision.Status)
        {
            case AnalysisStatus.Passed:
                Log(TimelineEvents.AnalysisPassed, string.Join("; ", queries.Select((q, i) => $"{q.Name}: {tallies[i].LastDetail}")));
                _c = _c with { Step = RolloutStep.WaveDone };
                return;
            case AnalysisStatus.Failed:
                AnalysisFailed(queries[decision.Query], outcome.Measurements.FirstOrDefault(m => m.Query == decision.Query), outcome.Gated, decision.Reason!);
                return;
            case AnalysisStatus.Inconclusive:
                var held = $"wave {WaveNumber}: {decision.Reason}; POST /api/runs/{_input.RunId}/resume to measure again";
                Log(TimelineEvents.AnalysisInconclusive, held);
                _c = _c with { State = RolloutState.Paused, Reason = TimelineText.Clip(held), AnalysisHeld = TimelineText.Clip(held) };
                return;
        }
        using var timerCancel = new CancellationTokenSource();
        if (await WaitAsync(_context.CreateTimer(Now.AddSeconds(gate.IntervalSeconds), timerCancel.Token)) is null) timerCancel.Cancel();
    }

    private void AnalysisFailed(PrometheusQuery query, QueryMeasurement? measurement, int gated, string reason)
    {
        var failures = query.Scope == QueryScope.Fleet || measurement is not { FailedNodes: > 0 } ? gated : measurement.FailedNodes;
        var sample = measurement?.FailedSample is { Count: > 0 } names ? $" (nodes: {string.Join(", ", names)})" : "";
        Log(TimelineEvents.AnalysisFailed, reason + sample);
        _c = _c with { Ledger = _c.Ledger.WithGateFailures(failures), Step = RolloutStep.WaveDone };
        if (_c.Ledger.GateExceeded() is { } exceeded) Exceeded($"{exceeded}; wave {WaveNumber}: {reason}");
    }
}
