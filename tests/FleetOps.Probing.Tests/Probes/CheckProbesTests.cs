using FleetOps.Core.Checks;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>Every registered check kind has exactly one probe, found by the record it probes.</summary>
public sealed class CheckProbesTests
{
    [Fact]
    public void Every_registered_kind_has_exactly_one_probe()
    {
        Assert.Empty(CheckProbes.Problems());
        Assert.All(CheckKinds.All, kind => Assert.Single(CheckProbes.Declared[kind.SpecType]));
    }

    [Fact]
    public void Each_kind_gets_its_own_probe()
    {
        var probes = CheckProbes.Create(ProbeKit.Connector());

        Assert.Equal(CheckKinds.All.Select(k => k.SpecType), probes.Keys);
        Assert.IsType<TcpProbe>(probes[typeof(TcpCheck)]);
        Assert.IsType<HttpProbe>(probes[typeof(HttpCheck)]);
        Assert.IsType<TlsProbe>(probes[typeof(TlsCheck)]);
        Assert.IsType<DnsProbe>(probes[typeof(DnsCheck)]);
        Assert.IsType<IcmpProbe>(probes[typeof(IcmpCheck)]);
        Assert.IsType<GrpcProbe>(probes[typeof(GrpcCheck)]);
        Assert.All(probes, p => Assert.Equal(p.Key, p.Value.CheckType));
    }

    /// <summary>A record that skipped the registry (and so the validator): a failed result, not a crashed batch.</summary>
    private sealed record UnregisteredCheck : CheckSpec
    {
        public override string Label => "unregistered";

        public override void Validate(CheckErrors errors)
        {
        }
    }

    [Fact]
    public async Task A_check_of_no_registered_kind_fails_permanently_naming_the_kinds()
    {
        using var prober = new FleetProber(ProbeFixtures.LoopbackOnly());

        var check = await prober.CheckAsync(ProbeKit.Task("127.0.0.1:1", new UnregisteredCheck()), ProbeFixtures.Options(attempts: 3));

        Assert.False(check.Ok);
        Assert.Equal(ErrorKind.Other, check.Error?.Kind);
        Assert.False(check.Error?.Transient);
        Assert.Contains(CheckKinds.Names, check.Error?.Message);
        Assert.Equal(1, check.Attempts);
    }
}
