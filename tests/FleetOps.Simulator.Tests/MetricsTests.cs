using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FleetOps.Simulator.Metrics;
using FleetOps.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.Simulator.Tests;

/// <summary>Each node's <c>/metrics</c>: <c>http_requests_total{node,code}</c>, real answers plus a rate a test sets.</summary>
public sealed partial class MetricsTests
{
    [Fact]
    public async Task The_error_rate_set_is_the_rate_the_counter_grows_at_on_the_fleet_s_clock()
    {
        var clock = new FakeTimeProvider();
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 2, NamePrefix = "web-" }, clock);
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));
        var node = fleet.Nodes[0];

        fleet.SetErrorRate(node.Name, errorsPerSecond: 2.5, okPerSecond: 47.5);
        clock.Advance(TimeSpan.FromSeconds(60));
        var first = await ScrapeAsync(client, node);
        clock.Advance(TimeSpan.FromSeconds(60));
        var second = await ScrapeAsync(client, node);

        Assert.Equal(150, first[(node.Name, 500)]);
        Assert.Equal(2850, first[(node.Name, 200)]);
        Assert.Equal(2.5, (second[(node.Name, 500)] - first[(node.Name, 500)]) / 60.0); // what rate(...[1m]) would say
        Assert.Equal(47.5, (second[(node.Name, 200)] - first[(node.Name, 200)]) / 60.0);

        // A lower rate slows the counter down but never takes it back; the other node was never touched.
        fleet.SetErrorRate(node.Name, errorsPerSecond: 0);
        clock.Advance(TimeSpan.FromSeconds(60));
        var third = await ScrapeAsync(client, node);
        Assert.Equal(second[(node.Name, 500)], third[(node.Name, 500)]);
        Assert.Equal(second[(node.Name, 200)], third[(node.Name, 200)]);
        Assert.Equal(0, (await ScrapeAsync(client, fleet.Nodes[1]))[(fleet.Nodes[1].Name, 500)]);
    }

    [Fact]
    public async Task Requests_the_node_answered_count_by_status_and_scrapes_do_not()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1 });
        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));
        var node = fleet.Nodes[0];

        for (var i = 0; i < 3; i++) (await client.GetAsync(NodeHttp.HealthOf(node))).Dispose();
        fleet.SetFault(node.Name, NodeFault.WrongStatus);
        (await client.GetAsync(NodeHttp.HealthOf(node))).Dispose();
        (await client.GetAsync(new Uri($"http://{node.Address}/nope"))).Dispose();
        await ScrapeAsync(client, node);

        var counts = await ScrapeAsync(client, node);
        Assert.Equal(3, counts[(node.Name, 200)]);
        Assert.Equal(1, counts[(node.Name, 503)]);
        Assert.Equal(1, counts[(node.Name, 404)]);
        Assert.Equal(0, counts[(node.Name, 500)]);
    }

    [Fact]
    public async Task The_fleet_s_metrics_hold_every_node_and_the_text_format_escapes_labels()
    {
        var clock = new FakeTimeProvider();
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 3, NamePrefix = "a\"b-" }, clock);
        fleet.SetErrorRate("a\"b-0002", 1);
        clock.Advance(TimeSpan.FromSeconds(10));

        var text = fleet.MetricsText();

        Assert.StartsWith("# HELP http_requests_total ", text);
        Assert.Contains("\n# TYPE http_requests_total counter\n", text);
        Assert.Contains("http_requests_total{node=\"a\\\"b-0002\",code=\"500\"} 10\n", text);
        Assert.Equal(6, Parse(text).Count); // 200 and 500 for each of 3 nodes
    }

    [Fact]
    public void A_node_that_answered_once_shows_that_and_a_zero_error_count()
    {
        var traffic = new NodeTraffic(new FakeTimeProvider());
        traffic.Count(200);
        Assert.Equal([(200, 1L), (500, 0L)], traffic.Snapshot());
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task Bad_rates_are_rejected(double rate)
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => fleet.SetErrorRate("node-0001", rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => fleet.SetErrorRate("node-0001", 1, okPerSecond: rate));
        Assert.Throws<KeyNotFoundException>(() => fleet.SetErrorRate("node-0002", 1));
    }

    private static async Task<Dictionary<(string Node, int Code), long>> ScrapeAsync(HttpClient client, SimulatedNode node)
    {
        using var response = await client.GetAsync(new Uri($"http://{node.Address}/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return Parse(await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<(string Node, int Code), long> Parse(string text) =>
        Series().Matches(text).ToDictionary(
            m => (m.Groups["node"].Value.Replace("\\\"", "\""), int.Parse(m.Groups["code"].Value, CultureInfo.InvariantCulture)),
            m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("""^http_requests_total\{node="(?<node>(?:[^"\\]|\\.)*)",code="(?<code>\d{3})"\} (?<value>\d+)$""", RegexOptions.Multiline)]
    private static partial Regex Series();
}
