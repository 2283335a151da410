using FleetOps.Core.Contracts;
using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Tests.Contracts;

public sealed class SweepPlanTests
{
    [Theory]
    [InlineData(0, 25)]
    [InlineData(1, 25)]
    [InlineData(200, 25)]
    [InlineData(800, 25)]
    [InlineData(801, 26)]
    [InlineData(10_000, 313)]
    [InlineData(16_000, 500)]
    [InlineData(16_001, 500)]
    [InlineData(100_000, 500)]
    public void Default_batch_size(int targets, int expected) => Assert.Equal(expected, SweepPlan.DefaultBatchSize(targets));

    private static SweepRequest Request(int targets, int? batchSize = null, Func<int, List<CheckSpec>?>? checksOf = null) => new()
    {
        Name = "plan",
        Targets = Enumerable.Range(0, targets)
            .Select(i => new TargetSpec { Name = $"n{i}", Address = $"10.0.{i / 256}.{i % 256}:80", Checks = checksOf?.Invoke(i) })
            .ToList(),
        Checks = [new HttpCheck { Path = "/health" }],
        Options = batchSize is null ? null : new SweepOptions { BatchSize = batchSize },
    };

    [Fact]
    public void Plan_takes_options_from_the_request()
    {
        var plan = SweepPlan.For(Request(10) with { Options = new SweepOptions { BatchSize = 4, Concurrency = 3, TimeoutMs = 700, Attempts = 2 } });

        Assert.Equal("plan", plan.Name);
        Assert.Equal(10, plan.TargetCount);
        Assert.Equal(4, plan.BatchSize);
        Assert.Equal(3, plan.BatchCount);
        Assert.Equal(3, plan.Probe.Concurrency);
        Assert.Equal(700, plan.Probe.TimeoutMs);
        Assert.Equal(2, plan.Probe.Attempts);
    }

    [Fact]
    public void Plan_defaults()
    {
        var plan = SweepPlan.For(Request(10_000) with { Name = null });

        Assert.Equal("sweep", plan.Name);
        Assert.Equal(313, plan.BatchSize);
        Assert.Equal(32, plan.BatchCount);
        Assert.Equal(new FleetOps.Core.Checks.ProbeOptions(), plan.Probe);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(60, null)]
    [InlineData(60, 25)]
    [InlineData(75, 25)]
    [InlineData(7, 1)]
    [InlineData(1_000, null)]
    [InlineData(10_000, null)]
    public void Batches_cover_every_target_once_in_order(int targets, int? batchSize)
    {
        var request = Request(targets, batchSize);
        var plan = SweepPlan.For(request);

        var batches = plan.Batches(request).ToList();

        Assert.Equal(plan.BatchCount, batches.Count);
        Assert.All(batches, b => Assert.InRange(b.Count, 1, plan.BatchSize));
        Assert.All(batches.SkipLast(1), b => Assert.Equal(plan.BatchSize, b.Count));
        Assert.Equal(request.Targets!.Select(t => t.Name), batches.SelectMany(b => b).Select(t => t.Target.Name));
        Assert.Equal(request.Targets!.Select(t => t.Address), batches.SelectMany(b => b).Select(t => t.Target.Address));
    }

    [Fact]
    public void Target_checks_override_top_level_checks()
    {
        var own = new List<CheckSpec> { new TcpCheck { Port = 22 } };
        var request = new SweepRequest
        {
            Targets = Enumerable.Range(0, 30)
                .Select(i => new TargetSpec { Name = $"n{i}", Address = "h:1", Checks = i % 7 == 0 ? own : null, Labels = new() { ["i"] = $"{i}" } })
                .ToList(),
            Checks = [new HttpCheck { Path = "/health" }],
        };

        var tasks = SweepPlan.For(request).Batches(request).SelectMany(b => b).ToList();

        Assert.Equal(30, tasks.Count);
        for (var i = 0; i < tasks.Count; i++)
        {
            Assert.Equal(i % 7 == 0 ? own : request.Checks, tasks[i].Checks);
            Assert.Equal($"{i}", tasks[i].Target.Labels!["i"]);
        }
    }

    [Fact]
    public void Batches_of_an_empty_request_are_empty()
    {
        var request = new SweepRequest();
        var plan = SweepPlan.For(request);

        Assert.Equal(0, plan.TargetCount);
        Assert.Equal(0, plan.BatchCount);
        Assert.Empty(plan.Batches(request));
    }

    [Fact]
    public void Request_ids_are_new_and_valid()
    {
        var a = RequestIds.NewId();
        var b = RequestIds.NewId();

        Assert.NotEqual(a, b);
        Assert.Null(RequestIds.Check(a));
    }
}
