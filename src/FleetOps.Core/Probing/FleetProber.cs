using System.Diagnostics;
using FleetOps.Core.Policy;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Probing;

/// <summary>
/// Probes a batch of targets with bounded concurrency, a timeout per attempt and retries of transient errors.
/// Thread-safe and meant to live as long as the process (it owns the pooled HTTP handler).
/// </summary>
public sealed class FleetProber : IDisposable
{
    private readonly Dictionary<CheckKind, ICheckProbe> _probes;
    private readonly HttpProbe _http;

    public FleetProber(TargetPolicy policy)
    {
        var connector = new PolicyConnector(policy);
        _http = new HttpProbe(connector);
        _probes = new ICheckProbe[] { new TcpProbe(connector), _http }.ToDictionary(p => p.Kind);
    }

    /// <summary>Results in the order of <paramref name="tasks"/>.</summary>
    public async Task<TargetResult[]> ProbeAsync(IReadOnlyList<ProbeTask> tasks, ProbeOptions options, CancellationToken cancellationToken)
    {
        var results = new TargetResult[tasks.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, tasks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(options.Concurrency, 1, ProbeOptions.MaxConcurrency), CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await ProbeTargetAsync(tasks[i], options, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    public async Task<TargetResult> ProbeTargetAsync(ProbeTask task, ProbeOptions options, CancellationToken cancellationToken)
    {
        var checks = new CheckResult[task.Checks.Count];
        for (var i = 0; i < checks.Length; i++)
            checks[i] = await RunCheckAsync(task.Target, task.Checks[i], options, cancellationToken).ConfigureAwait(false);
        return new TargetResult(
            task.Target.Name,
            task.Target.Address,
            checks.All(c => c.Ok),
            Math.Round(checks.Sum(c => c.LatencyMs), 3),
            checks,
            task.Target.Labels);
    }

    private async Task<CheckResult> RunCheckAsync(Target target, CheckSpec check, ProbeOptions options, CancellationToken cancellationToken)
    {
        var probe = _probes[check.Kind];
        var timeout = TimeSpan.FromMilliseconds(Math.Clamp(check.TimeoutMs ?? options.TimeoutMs, 1, ProbeOptions.MaxTimeoutMs));
        var maxAttempts = Math.Clamp(options.Attempts, 1, ProbeOptions.MaxAttempts);
        var backoff = TimeSpan.FromMilliseconds(Math.Max(0, options.RetryBackoffMs));
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, elapsed) = await AttemptAsync(probe, target, check, timeout, attempt, cancellationToken).ConfigureAwait(false);
            var last = outcome.Ok || attempt >= maxAttempts || outcome.Error is not { Transient: true };
            if (last)
                return new CheckResult(check.Kind, check.Label, outcome.Ok, Math.Round(elapsed.TotalMilliseconds, 3), attempt, outcome.Status, outcome.Error);
            await Task.Delay(backoff * Math.Pow(2, attempt - 1), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(AttemptOutcome Outcome, TimeSpan Elapsed)> AttemptAsync(
        ICheckProbe probe, Target target, CheckSpec check, TimeSpan timeout, int attempt, CancellationToken cancellationToken)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        var context = $"target '{target.Name}' ({target.Address}), check {check.Label}, attempt {attempt}";
        try
        {
            var outcome = await probe.AttemptAsync(target, check, timeoutCts.Token).ConfigureAwait(false);
            return (outcome.Error is null ? outcome : outcome with { Error = outcome.Error with { Message = $"{context}: {outcome.Error.Message}" } },
                Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            return (new AttemptOutcome(false, Error: new ProbeError(ErrorKind.Timeout, $"{context}: no answer within {timeout.TotalMilliseconds:0} ms")), elapsed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (new AttemptOutcome(false, Error: ProbeErrorClassifier.Classify(e, context)), Stopwatch.GetElapsedTime(started));
        }
    }

    public void Dispose() => _http.Dispose();
}
