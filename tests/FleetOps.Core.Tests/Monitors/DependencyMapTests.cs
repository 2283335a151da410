using FleetOps.Core.Contracts;
using FleetOps.Core.Monitors;

namespace FleetOps.Core.Tests.Monitors;

public sealed class DependencyMapTests
{
    private static TargetSpec T(string name, string? parent = null, string label = "parent") =>
        new() { Name = name, Address = $"{name}.example:1", Labels = parent is null ? null : new() { [label] = parent } };

    [Fact]
    public void Children_name_their_parent_by_label()
    {
        var (map, problems) = DependencyMap.Build([T("gw-1"), T("web-1", "gw-1"), T("web-2", "gw-1"), T("db-1", "web-1")], null);
        Assert.Empty(problems);
        Assert.Equal("gw-1", map.ParentOf["web-1"]);
        Assert.Equal("web-1", map.ParentOf["db-1"]);
        Assert.Equal(["gw-1", "web-1"], map.Parents.Order());
    }

    [Fact]
    public void The_label_key_is_the_monitors_choice()
    {
        var (map, problems) = DependencyMap.Build([T("gw-1"), T("web-1", "gw-1", "gateway"), T("web-2", "gw-1")], "gateway");
        Assert.Empty(problems);
        Assert.Equal(["web-1"], map.ParentOf.Keys);
    }

    [Fact]
    public void Bad_links_are_reported_and_left_out()
    {
        var (map, problems) = DependencyMap.Build([T("a", "a"), T("b", "nowhere"), T("c", "d"), T("d", "e"), T("e", "c"), T("f", "c")], null);
        Assert.Equal([0, 1], problems.Take(2).Select(p => p.Index));
        Assert.Contains("names itself", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("not a target of this monitor", problems[1].Message, StringComparison.Ordinal);
        var cycle = Assert.Single(problems, p => p.Message.Contains("cycle", StringComparison.Ordinal));
        Assert.Contains("→", cycle.Message, StringComparison.Ordinal);
        // The cycle is broken at one link; the rest stand.
        Assert.Equal(3, map.ParentOf.Count(kv => kv.Key is "c" or "d" or "e" or "f") + 0);
        Assert.DoesNotContain("a", map.ParentOf.Keys);
        Assert.DoesNotContain("b", map.ParentOf.Keys);
    }

    [Fact]
    public void A_long_chain_is_checked_in_linear_time()
    {
        // 20,000 targets, each the parent of the next: walked once, not once per target.
        var targets = Enumerable.Range(0, 20_000).Select(i => T($"n{i}", i == 0 ? null : $"n{i - 1}")).ToList();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (map, problems) = DependencyMap.Build(targets, null);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(problems);
        Assert.Equal(19_999, map.ParentOf.Count);
        Assert.True(allocated < 64L * 1024 * 1024, $"{allocated} bytes");
    }

    [Fact]
    public void Dependents_are_counted_per_parent_and_batches_merge()
    {
        var (map, _) = DependencyMap.Build([T("gw-1"), T("a", "gw-1"), T("b", "gw-1"), T("c", "gw-1")], null);
        var batch1 = map.Count([("a", new TargetState { State = MonitorState.Down }), ("gw-1", new TargetState { State = MonitorState.Down })]);
        var batch2 = map.Count([("b", new TargetState { State = MonitorState.Up, ConsecutiveFailures = 1 }), ("c", new TargetState { State = MonitorState.Up })]);
        var total = new Dictionary<string, DependentCount>();
        DependencyMap.Merge(total, batch1);
        DependencyMap.Merge(total, batch2);
        Assert.Equal(new DependentCount(3, 2), total["gw-1"]);
        Assert.Single(total);
    }
}
