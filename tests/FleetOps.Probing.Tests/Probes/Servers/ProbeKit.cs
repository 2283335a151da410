using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes.Servers;

internal static class ProbeKit
{
    public static PolicyConnector Connector(TargetPolicy? policy = null) => new(policy ?? ProbeFixtures.LoopbackOnly());

    public static ProbeTask Task(string address, CheckSpec check, string name = "node") => new(new Target(name, address), [check]);

    /// <summary>One attempt of a probe, straight: the facts it observed, with a generous timeout.</summary>
    public static async Task<AttemptOutcome> AttemptAsync(this ICheckProbe probe, string address, CheckSpec check, int timeoutMs = 10_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        return await probe.AttemptAsync(new Target("node", address), check, cts.Token);
    }

    /// <summary>The time NotAfter leaves, as the facts report it, give or take a minute (NotAfter has whole seconds).</summary>
    public static void AssertExpiresIn(TimeSpan expected, TimeSpan? actual)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual.Value, expected - TimeSpan.FromMinutes(1), expected + TimeSpan.FromMinutes(1));
    }
}
