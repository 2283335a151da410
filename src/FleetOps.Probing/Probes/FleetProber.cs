using System.Diagnostics;
using FleetOps.Core.Policy;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// Probes a batch of targets with bounded concurrency, a timeout per attempt, conditions judged after every attempt,
/// and N-of-M: a check fails only after <see cref="ProbeOptions.Attempts"/> attempts, retrying transient errors with
/// exponential backoff. Thread-safe and meant to live as long as the process (it owns the DNS client cache).
/// </summary>
public sealed class FleetProber : IDisposable
{
    /// <summary>Each registered kind's probe, by its spec record (<see cref="CheckProbes"/>).</summary>
    private readonly Dictionary<Type, ICheckProbe> _probes;

    public FleetProber(TargetPolicy policy) => _probes = CheckProbes.Create(new PolicyConnector(policy));

    /// <summary>Results in the order of <paramref name="tasks"/>.</summary>
    public async Task<TargetResult[]> ProbeAsync(IReadOnlyList<ProbeTask> tasks, ProbeOptions options, CancellationToken cancellationToken)
    {
        var conditions = new ConditionCache(tasks);
        var results = new TargetResult[tasks.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, tasks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(options.Concurrency, 1, ProbeOptions.MaxConcurrency), CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await ProbeTargetAsync(tasks[i], options, conditions, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    public Task<TargetResult> ProbeTargetAsync(ProbeTask task, ProbeOptions options, CancellationToken cancellationToken) =>
        ProbeTargetAsync(task, options, new ConditionCache([task]), cancellationToken);

    private async Task<TargetResult> ProbeTargetAsync(ProbeTask task, ProbeOptions options, ConditionCache conditions, CancellationToken cancellationToken)
    {
        using var span = Telemetry.FleetOpsTracing.Source.StartActivity("probe", ActivityKind.Client);
        span?.SetTag(Telemetry.FleetOpsTracing.TargetTag, task.Target.Name);
        span?.SetTag(Telemetry.FleetOpsTracing.AddressTag, task.Target.Address);
        var checks = new CheckResult[task.Checks.Count];
        for (var i = 0; i < checks.Length; i++)
            checks[i] = await RunCheckAsync(task.Target, task.Checks[i], options, conditions.For(task.Checks[i]), cancellationToken).ConfigureAwait(false);
        if (span is not null) Describe(span, checks);
        return new TargetResult(
            task.Target.Name,
            task.Target.Address,
            checks.All(c => c.Ok),
            Math.Round(checks.Sum(c => c.LatencyMs), 3),
            checks,
            task.Target.Labels);
    }

    private async Task<CheckResult> RunCheckAsync(Target target, CheckSpec check, ProbeOptions options, CheckConditions? conditions, CancellationToken cancellationToken)
    {
        if (!_probes.TryGetValue(check.GetType(), out var probe))
            return new CheckResult(check.Kind, check.Label, false, 0, 1, Error: new ProbeError(ErrorKind.Other,
                $"target '{target.Name}' ({target.Address}), check {check.Label}: '{check.Kind}' is not a check kind (one of {CheckKinds.Names})") { Transient = false });
        var timeout = TimeSpan.FromMilliseconds(Math.Clamp(check.TimeoutMs ?? options.TimeoutMs, 1, ProbeOptions.MaxTimeoutMs));
        var maxAttempts = Math.Clamp(options.Attempts, 1, ProbeOptions.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            var context = $"target '{target.Name}' ({target.Address}), check {check.Label}, attempt {attempt}";
            if (conditions?.Problem is { } problem)
                return new CheckResult(check.Kind, check.Label, false, 0, attempt,
                    Error: new ProbeError(ErrorKind.Condition, $"{context}: {problem}") { Transient = false });

            var (outcome, elapsed) = await AttemptAsync(probe, target, check, timeout, context, cancellationToken).ConfigureAwait(false);
            var judged = conditions?.Evaluate(outcome.Facts);
            var error = outcome.Error;
            if (error is null && judged is not null && CheckConditions.DescribeFailures(judged) is { } failed)
                error = new ProbeError(ErrorKind.Condition, $"{context}: conditions failed: {failed}");

            if (error is null || attempt >= maxAttempts || !error.Transient)
                return new CheckResult(check.Kind, check.Label, error is null, Math.Round(elapsed.TotalMilliseconds, 3), attempt,
                    outcome.Status, error, judged)
                {
                    CertificateExpiresAt = outcome.Facts.CertificateExpiration is { } left ? DateTimeOffset.UtcNow + left : null,
                };
            await Task.Delay(Backoff(options, attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Describe(Activity span, CheckResult[] checks)
    {
        var failed = checks.FirstOrDefault(c => !c.Ok);
        span.SetTag(Telemetry.FleetOpsTracing.OkTag, failed is null);
        if (failed is null) return;
        span.SetTag(Telemetry.FleetOpsTracing.ErrorKindTag, failed.Error?.Kind.ToString());
        span.SetStatus(ActivityStatusCode.Error, failed.Check);
    }

    /// <summary>RetryBackoffMs, doubling per attempt, capped so ten attempts cannot stall a batch for minutes.</summary>
    private static TimeSpan Backoff(ProbeOptions options, int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(Math.Max(0, options.RetryBackoffMs) * Math.Pow(2, attempt - 1), ProbeOptions.MaxRetryBackoffMs));

    private static async Task<(AttemptOutcome Outcome, TimeSpan Elapsed)> AttemptAsync(
        ICheckProbe probe, Target target, CheckSpec check, TimeSpan timeout, string context, CancellationToken cancellationToken)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await probe.AttemptAsync(target, check, timeoutCts.Token).ConfigureAwait(false);
            return (outcome.Error is null ? outcome : outcome with { Error = outcome.Error with { Message = $"{context}: {outcome.Error.Message}" } },
                Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            return (Unobserved(elapsed, new ProbeError(ErrorKind.Timeout, $"{context}: no answer within {timeout.TotalMilliseconds:0} ms")), elapsed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            return (Unobserved(elapsed, ProbeErrorClassifier.Classify(e, context)), elapsed);
        }
    }

    /// <summary>An attempt that threw saw nothing but the time it took: conditions then judge "not connected".</summary>
    private static AttemptOutcome Unobserved(TimeSpan elapsed, ProbeError error) =>
        new(new ProbeFacts { Connected = false, ResponseTimeMs = Math.Round(elapsed.TotalMilliseconds, 3) }, error);

    public void Dispose()
    {
        foreach (var probe in _probes.Values) (probe as IDisposable)?.Dispose();
    }
}
