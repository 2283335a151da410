using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;
using FleetOps.Core.Rollouts;
using Xunit.Abstractions;

namespace FleetOps.Core.Tests.Contracts;

/// <summary>
/// What validating a request costs is bounded by the request's size, never by targets × checks: the errors listed are
/// capped, the ones beyond the cap are counted without being built, and a run over the probe limit is refused.
/// Costs are measured as bytes allocated on this thread (validation is synchronous), not as time.
/// </summary>
public sealed class ValidationCostTests(ITestOutputHelper output)
{
    /// <summary>Targets without a port, each running every top-level tcp check without a port: targets × checks errors.</summary>
    private static SweepRequest PortlessSweep(int targets, int checks) => new()
    {
        Targets = [.. Enumerable.Range(0, targets).Select(i => new TargetSpec { Name = $"n{i}", Address = $"host-{i}.example" })],
        Checks = [.. Enumerable.Range(0, checks).Select(_ => (CheckSpec)new TcpCheck())],
    };

    private static (IReadOnlyList<ValidationError> Errors, long Bytes) Measure(Func<IReadOnlyList<ValidationError>> validate)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var errors = validate();
        return (errors, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_million_problems_list_the_first_few_and_count_the_rest()
    {
        var request = PortlessSweep(100, 10_000);

        var errors = SweepRequestValidator.Validate(request);

        Assert.Equal(ValidationErrors.MaxListed + 1, errors.Count);
        Assert.All(errors.Take(ValidationErrors.MaxListed), e => Assert.Equal("targets[0].address", e.Field));
        Assert.Contains($"checks[{ValidationErrors.MaxListed - 1}] (tcp)", errors[ValidationErrors.MaxListed - 1].Message);
        var more = errors[^1];
        Assert.Equal(ValidationErrors.MoreField, more.Field);
        Assert.StartsWith($"{1_000_000 - ValidationErrors.MaxListed} more problems", more.Message);
    }

    [Fact]
    public void Validating_100_targets_by_10000_checks_allocates_what_the_request_holds_not_what_it_multiplies()
    {
        var request = PortlessSweep(100, 10_000);
        SweepRequestValidator.Validate(PortlessSweep(2, 2)); // JIT and static state out of the measurement

        var (errors, bytes) = Measure(() => SweepRequestValidator.Validate(request));

        output.WriteLine($"100 targets x 10,000 checks: {errors.Count} errors listed, {bytes:N0} bytes allocated");
        Assert.Equal(ValidationErrors.MaxListed + 1, errors.Count);
        // 10,100 checks and targets validated (paths, scopes) is about 2 MB; one string per target × check would be 100s of MB.
        Assert.InRange(bytes, 0, 8 * 1024 * 1024);
    }

    [Fact]
    public void A_rollout_gate_over_every_node_is_capped_the_same_way()
    {
        var request = new RolloutRequest
        {
            Targets = [.. Enumerable.Range(0, 20_000).Select(i => new TargetSpec { Name = $"n{i}", Address = $"10.0.{i / 256 % 256}.{i % 256}" })],
            Action = new ActionSpec { Url = "http://{{address}}/x" },
            Gate = new GateSpec { Checks = [.. Enumerable.Range(0, RolloutRequestValidator.MaxGateChecks).Select(_ => (CheckSpec)new TcpCheck())] },
        };
        RolloutRequestValidator.Validate(request with { Targets = request.Targets![..2] });

        var (errors, bytes) = Measure(() => RolloutRequestValidator.Validate(request));

        output.WriteLine($"20,000 nodes x 16 gate checks: {errors.Count} errors listed, {bytes:N0} bytes allocated");
        Assert.Equal(ValidationErrors.MaxListed + 1, errors.Count);
        Assert.StartsWith($"{20_000 * 16 - ValidationErrors.MaxListed} more problems", errors[^1].Message);
        Assert.InRange(bytes, 0, 16 * 1024 * 1024);
    }

    [Fact]
    public void A_sweep_of_more_probes_than_the_limit_is_refused_naming_the_checks()
    {
        // 20,000 targets × 500 checks is under 1 MB of JSON and would schedule 10 M probes.
        var request = PortlessSweep(20_000, 500) with { Targets = [.. Enumerable.Range(0, 20_000).Select(i => new TargetSpec { Name = $"n{i}", Address = $"10.0.{i / 256 % 256}.{i % 256}:22" })] };

        var (errors, bytes) = Measure(() => SweepRequestValidator.Validate(request));

        output.WriteLine($"20,000 targets x 500 checks: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}; {bytes:N0} bytes allocated");
        var error = Assert.Single(errors);
        Assert.Equal("checks", error.Field);
        Assert.Contains("10000000 probes", error.Message);
        Assert.Contains($"{SweepLimits.Default.MaxProbesPerRun}", error.Message);
    }

    [Fact]
    public void The_target_whose_own_checks_go_over_the_limit_is_named()
    {
        var limits = new SweepLimits { MaxProbesPerRun = 3 };
        var request = new SweepRequest
        {
            Targets =
            [
                new TargetSpec { Name = "a", Address = "h:1" },
                new TargetSpec { Name = "b", Address = "h:1", Checks = [new TcpCheck(), new TcpCheck(), new TcpCheck()] },
            ],
            Checks = [new TcpCheck()],
        };

        var error = Assert.Single(SweepRequestValidator.Validate(request, limits));

        Assert.Equal("targets[1].checks", error.Field);
        Assert.Contains("4 probes", error.Message);
        Assert.Empty(SweepRequestValidator.Validate(request, new SweepLimits { MaxProbesPerRun = 4 }));
    }

    [Fact]
    public void Exactly_the_limit_is_allowed()
    {
        var request = new SweepRequest
        {
            Targets = [.. Enumerable.Range(0, 100).Select(i => new TargetSpec { Name = $"n{i}", Address = $"host-{i}:22" })],
            Checks = [.. Enumerable.Range(0, 10_000).Select(_ => (CheckSpec)new TcpCheck())],
        };

        Assert.Empty(SweepRequestValidator.Validate(request));
    }
}
