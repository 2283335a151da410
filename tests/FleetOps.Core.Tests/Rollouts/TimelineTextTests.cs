using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Tests.Rollouts;

public sealed class TimelineTextTests
{
    [Fact]
    public void Lists_show_twenty_names_and_count_the_rest()
    {
        var names = Enumerable.Range(1, 25).Select(i => $"n{i}").ToList();
        Assert.Equal(": n1, n2", TimelineText.Names(["n1", "n2"], 2));
        Assert.EndsWith("n20 and 5 more", TimelineText.Names(names, 25));
        Assert.EndsWith("n2 and 98 more", TimelineText.Names(["n1", "n2"], 100));
        Assert.Equal("", TimelineText.Names([], 3));
    }

    [Fact]
    public void Huge_names_and_reasons_are_cut_so_an_entry_stays_small()
    {
        var huge = new string('x', 9000);
        var names = TimelineText.Names(Enumerable.Repeat(huge, 30).ToList(), 30);
        Assert.True(names.Length < TimelineText.ShownNames * (TimelineText.MaxName + 2) + 40, $"{names.Length} characters");
        Assert.Equal(TimelineText.MaxDetail, TimelineText.Clip(huge)!.Length);
        Assert.EndsWith("…", TimelineText.Clip(huge));
        Assert.True(TimelineText.Rejected(2, huge, huge).Length < TimelineText.MaxBy + TimelineText.MaxDetail + 40);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var text = new string('a', 8) + "😀😀😀";
        var clipped = TimelineText.Clip(text, 10)!;
        Assert.Equal(10 - 1, clipped.Length);
        Assert.False(char.IsHighSurrogate(clipped[^2]));
    }

    [Fact]
    public void Details_read_as_before()
    {
        Assert.Equal("4 waves: 1, 5, 4, 10", TimelineText.Planned([1, 5, 4, 10]));
        Assert.Equal("5 nodes (#2-#6), concurrency 10", TimelineText.WaveStarted(5, 1, 10));
        Assert.Equal("3 ok, 1 failed: web-2", TimelineText.ActionsDone(3, 1, ["web-2"]));
        Assert.Equal("1 of 4 nodes not healthy 2 time(s) in a row within 30 s: web-3", TimelineText.GateFailed(1, 4, 2, 30, ["web-3"]));
        Assert.Equal("cancelled by alice: wrong build", TimelineText.Cancelled(new ControlNote("alice", "wrong build", DateTimeOffset.UnixEpoch)));
        Assert.Equal("cancelled by request", TimelineText.Cancelled(new ControlNote(null, null, DateTimeOffset.UnixEpoch)));
        Assert.Equal("cancelled", TimelineEvents.Final(RolloutState.Cancelled));
        Assert.Equal("rolled-back", TimelineEvents.Final(RolloutState.RolledBack));
    }
}
