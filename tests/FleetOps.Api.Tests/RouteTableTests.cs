using FleetOps.Api.Client;

namespace FleetOps.Api.Tests;

public sealed class RouteTableTests
{
    [Fact]
    public void Names_and_verb_template_pairs_are_unique()
    {
        Assert.Equal(Routes.Table.Count, Routes.Table.Select(r => r.Name).Distinct().Count());
        Assert.Equal(Routes.Table.Count, Routes.Table.Select(r => $"{r.Method} {r.Template}").Distinct().Count());
        Assert.All(FleetOpsApiClient.RunActions.Values, r => Assert.Contains(r, Routes.Table));
    }

    [Theory]
    [InlineData("a/b", "/api/runs/a%2Fb/report")]
    [InlineData("a?b=1", "/api/runs/a%3Fb%3D1/report")]
    [InlineData("a#b", "/api/runs/a%23b/report")]
    [InlineData("100%", "/api/runs/100%25/report")]
    [InlineData("a b", "/api/runs/a%20b/report")]
    [InlineData("a%2Fb", "/api/runs/a%252Fb/report")]
    [InlineData("..a", "/api/runs/..a/report")]
    [InlineData("plain-id_1.2", "/api/runs/plain-id_1.2/report")]
    public void Every_path_value_is_escaped_as_one_segment(string id, string path)
    {
        Assert.Equal(path, Routes.GetRunReport.Path(id));
        Assert.Equal(id, Uri.UnescapeDataString(path.Split('/')[3]));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    public void A_path_value_the_url_would_collapse_is_refused(string id) =>
        Assert.Throws<ArgumentException>(() => Routes.GetRun.Path(id));

    [Fact]
    public void Query_values_are_escaped_and_absent_ones_left_out()
    {
        var path = Routes.GetInventory.Path(["prod"], [new("selector", "group=web,zone!=b&x"), new("ignored", null)]);
        Assert.Equal("/api/inventories/prod?selector=group%3Dweb%2Czone%21%3Db%26x", path);
    }

    [Fact]
    public void A_route_takes_exactly_its_parameters() =>
        Assert.Throws<ArgumentException>(() => Routes.GetRun.Path());
}
