using FleetOps.Core.Results;
using FleetOps.Core.Summaries;
using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Tests.Summaries;

public sealed class BatchOutcomeTests
{
    internal static TargetResult Ok(string name, double ms = 5) =>
        new(name, $"{name}:80", true, ms, [new CheckResult("tcp", "tcp", true, ms, 1)]);

    internal static TargetResult Failed(string name, ErrorKind? kind, double ms = 5, string check = "http:/health") =>
        new(name, $"{name}:80", false, ms,
        [
            new CheckResult("tcp", "tcp", true, 1, 1),
            new CheckResult("http", check, false, ms - 1, 1, 503, kind is { } k ? new ProbeError(k, $"{name} failed with {k}") : null),
        ]);

    [Fact]
    public void Counts_targets_and_error_kinds()
    {
        var results = new List<TargetResult>
        {
            Ok("a", 2), Ok("b", 3), Ok("c", 4),
            Failed("d", ErrorKind.HttpStatus), Failed("e", ErrorKind.HttpStatus), Failed("f", ErrorKind.Timeout, 300),
            Failed("g", null),
        };

        var outcome = BatchOutcome.From(4, results);

        Assert.Equal(4, outcome.BatchIndex);
        Assert.Equal(7, outcome.Targets);
        Assert.Equal(3, outcome.Ok);
        Assert.Equal(4, outcome.Failed);
        Assert.Equal(new Dictionary<ErrorKind, int> { [ErrorKind.HttpStatus] = 2, [ErrorKind.Timeout] = 1, [ErrorKind.Other] = 1 }, outcome.Errors);
        Assert.Equal(7, outcome.Latency.Count);
        Assert.Equal(300, outcome.Latency.MaxMs);
    }

    [Fact]
    public void Failure_samples_describe_the_first_failing_check()
    {
        var twoFailures = new TargetResult("x", "x:1", false, 9,
        [
            new CheckResult("tcp", "tcp:1", false, 4, 3, Error: new ProbeError(ErrorKind.Refused, "refused")),
            new CheckResult("http", "http:/", false, 5, 1, Error: new ProbeError(ErrorKind.Timeout, "slow")),
        ]);

        var outcome = BatchOutcome.From(0, [Ok("a"), twoFailures, Failed("g", null)]);

        Assert.Equal(new Dictionary<ErrorKind, int> { [ErrorKind.Refused] = 1, [ErrorKind.Other] = 1 }, outcome.Errors);
        Assert.Equal(
            [new FailureSample("x", "x:1", "tcp:1", ErrorKind.Refused, "refused"), new FailureSample("g", "g:80", "http:/health", ErrorKind.Other, "failed")],
            outcome.Failures);
    }

    [Fact]
    public void Failure_samples_are_capped_but_counts_are_not()
    {
        var results = Enumerable.Range(0, 30).Select(i => Failed($"n{i}", ErrorKind.Dns)).ToList();

        var outcome = BatchOutcome.From(0, results);

        Assert.Equal(30, outcome.Failed);
        Assert.Equal(30, outcome.Errors[ErrorKind.Dns]);
        Assert.Equal(BatchOutcome.MaxFailureSamples, outcome.Failures.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"n{i}"), outcome.Failures.Select(f => f.Name));
    }

    [Fact]
    public void Empty_batch()
    {
        var outcome = BatchOutcome.From(2, []);

        Assert.Equal(0, outcome.Targets);
        Assert.Equal(0, outcome.Ok + outcome.Failed);
        Assert.Empty(outcome.Errors);
        Assert.Empty(outcome.Failures);
        Assert.Equal(0, outcome.Latency.Count);
    }
}
