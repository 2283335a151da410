using FleetOps.Workflows.Sweeps;
using Microsoft.DurableTask;

namespace FleetOps.Workflows.Tests;

public sealed class SweepOrchestratorRetryTests
{
    [Fact]
    public void Batches_are_retried_with_backoff_before_the_run_gives_up_on_them()
    {
        var policy = BatchFanOut.BatchRetry.Retry!.Policy!;
        Assert.Equal(5, policy.MaxNumberOfAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.FirstRetryInterval);
        Assert.Equal(2, policy.BackoffCoefficient);
        Assert.Equal(TimeSpan.FromSeconds(30), policy.MaxRetryInterval);
    }

    [Fact]
    public void The_orchestration_input_refers_to_batches_and_never_carries_targets()
    {
        Assert.DoesNotContain(typeof(SweepInput).GetProperties(), p => p.PropertyType.IsGenericType || p.PropertyType.IsArray);
        Assert.DoesNotContain(typeof(ProbeBatchInput).GetProperties(), p => p.PropertyType.IsGenericType || p.PropertyType.IsArray);
    }
}
