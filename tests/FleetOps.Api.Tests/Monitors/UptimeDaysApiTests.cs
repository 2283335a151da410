using System.Text.Json.Nodes;
using FleetOps.Api.Tests.Support;
using FleetOps.Core.Checks;
using FleetOps.Core.Monitors;
using FleetOps.Core.Targets;
using FleetOps.Testing;
using FleetOps.Workflows.Monitors;
using FleetOps.Workflows.Storage;
using Xunit.Abstractions;

namespace FleetOps.Api.Tests.Monitors;

/// <summary>
/// GET /api/monitors/{name}/uptime/days over stored history on Azurite: 6,000 targets in 3 batches, days rolled up
/// (3 parts of 2,000 targets), a day still in hour blobs, a day without data and today from the batch states. The
/// figures per day, the paging by name, the bad queries as 400s naming the field, and the cost of a page in storage
/// requests (a page reads only the parts that hold its names).
/// </summary>
public sealed class UptimeDaysApiTests : IClassFixture<UptimeDaysApiTests.SeededHistory>
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 30, 0, TimeSpan.Zero);
    private const int Targets = 6_000, Batches = 3;
    private readonly ITestOutputHelper output;
    private readonly CountingStorage _counter = new();
    private readonly MonitorStateApi _api;
    private readonly string _name;

    /// <summary>Each test reads through a fresh API (no cached layout) and counts only its own storage requests.</summary>
    public UptimeDaysApiTests(SeededHistory seeded, ITestOutputHelper output)
    {
        this.output = output;
        var storage = _counter.Clients(seeded.Azurite.ConnectionString);
        var (states, history) = (new MonitorStateStore(storage), new MonitorHistory(storage));
        _api = new MonitorStateApi(new MonitorStore(storage, TimeProvider.System), new MonitorTargetsQuery(states), new UptimeQuery(states, history),
            new UptimeDaysQuery(states, history), new MonitorEvents(storage), new FixedTime(Now));
        _name = seeded.Name;
    }

    /// <summary>The history every test reads, written once for the class (the tests only read it).</summary>
    public sealed class SeededHistory : IAsyncLifetime
    {
        public Azurite Azurite { get; private set; } = null!;
        public string Name { get; } = "daily-" + Guid.NewGuid().ToString("N")[..8];

        public async Task InitializeAsync()
        {
            Azurite = await FleetOps.Testing.Azurite.StartAsync();
            var storage = new CountingStorage().Clients(Azurite.ConnectionString);
            await SeedAsync(storage, Name, new MonitorStateStore(storage), new MonitorHistory(storage));
        }

        public async Task DisposeAsync() => await Azurite.DisposeAsync();
    }

    private static string Name(int i) => $"t{i:D5}";
    private static int BatchOf(int i) => i % Batches; // names spread over every batch

    private static string Tally(int up, int down)
    {
        var tally = new UptimeTally();
        for (var i = 0; i < up; i++) tally.Record(true, false, 5);
        for (var i = 0; i < down; i++) tally.Record(false, false, 5);
        return UptimeCodec.EncodeText(tally);
    }

    private static async Task SeedAsync(StorageClients storage, string name, MonitorStateStore states, MonitorHistory history)
    {
        // Created on the oldest day of a 5-day page: older days are not read.
        var record = (await new MonitorStore(storage, new FixedTime(Now.AddDays(-4))).PutAsync(name, new MonitorDefinition
        {
            Targets = [.. Enumerable.Range(0, 2).Select(i => new FleetOps.Core.Contracts.TargetSpec { Name = Name(i), Address = "127.0.0.1:9" })],
            Interval = "1m",
        }, default)).Record;
        var inc = record.Incarnation;
        await states.WritePlanAsync(name, inc, new MonitorPlan { Version = 1, BatchCount = Batches, BatchSize = Targets / Batches, TargetCount = Targets }, default);
        var todayHour = UptimeUtc(Now).ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
        for (var b = 0; b < Batches; b++)
        {
            var members = Enumerable.Range(0, Targets).Where(i => BatchOf(i) == b).ToList();
            await states.WriteBatchAsync(name, inc, 1, b, new MonitorBatch([.. members.Select(i => new ProbeTask(new Target(Name(i), "127.0.0.1:9"), []))]), default);
            // Today: 10 flushed checks, all up, and the open hour: 1 up, 1 down for t00002.
            await states.WriteStateAsync(name, inc, new MonitorBatchState(1, b)
            {
                Targets = members.ToDictionary(Name, i => new TargetRecord { HourKey = todayHour, Today = Tally(10, 0), Hour = i == 2 ? Tally(1, 1) : Tally(2, 0) }),
            }, default);
        }
        // Days before today: -1 in hour blobs (not rolled up yet), -2 and -3 rolled up, -4 nothing.
        for (var back = 1; back <= 3; back++)
        {
            var day = Now.AddDays(-back).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            for (var b = 0; b < Batches; b++)
            {
                var tallies = Enumerable.Range(0, Targets).Where(i => BatchOf(i) == b)
                    .ToDictionary(Name, i => i == 1 && back == 2 ? Tally(1, 1) : i == 4999 && back == 3 ? Tally(3, 1) : Tally(4, 0));
                await history.WriteHourAsync(name, inc, day + "10", 1, b, tallies, default);
            }
            if (back > 1) await history.RollUpDayAsync(name, inc, day, default);
        }
    }

    private static DateTimeOffset UptimeUtc(DateTimeOffset t) => UptimeWindow.HourOf(t);

    private async Task<(int Status, JsonNode Body, int Requests)> GetAsync(string? query)
    {
        var before = _counter.Requests;
        var response = await _api.UptimeDaysAsync(_name, Http.Request("GET", $"/api/monitors/{_name}/uptime/days", query: query), default);
        var (status, body) = await Http.ReadAsync(response);
        return (status, body!, _counter.Requests - before);
    }

    private static double?[] Percents(JsonNode target) =>
        [.. target["uptimePercent"]!.AsArray().Select(d => d?.GetValue<double>())];

    [Fact]
    public async Task Each_target_has_its_uptime_per_day_oldest_first_with_days_without_data_as_null()
    {
        var (status, body, _) = await GetAsync("?days=5&limit=3");
        Assert.Equal(200, status);
        Assert.Equal(5, body["days"]!.GetValue<int>());
        var targets = body["targets"]!.AsArray();
        Assert.Equal([Name(0), Name(1), Name(2)], targets.Select(t => t!["name"]!.GetValue<string>()));
        var days = body["dates"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Equal(["2026-06-11", "2026-06-12", "2026-06-13", "2026-06-14", "2026-06-15"], days);
        Assert.Equal(new double?[] { null, 100, 100, 100, 100 }, Percents(targets[0]!));
        Assert.Equal(new double?[] { null, 100, 50, 100, 100 }, Percents(targets[1]!)); // a bad day, rolled up
        Assert.Equal(new double?[] { null, 100, 100, 100, 91.67 }, Percents(targets[2]!).Select(p => p is { } v ? Math.Round(v, 2) : (double?)null));
        Assert.Equal(0, targets[0]!["cycles"]![0]!.GetValue<long>());
        Assert.Equal(12, targets[0]!["cycles"]![4]!.GetValue<long>()); // today: 10 flushed + the open hour's 2
        Assert.Equal(Name(2), body["continuationToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pages_go_by_name_through_every_target_and_a_page_reads_only_the_parts_that_hold_its_names()
    {
        await GetAsync("?days=5&limit=100"); // indexes the layout's names once
        var first = await GetAsync("?days=5&limit=100");
        var deep = await GetAsync($"?days=5&limit=100&continuationToken={Name(4949)}");
        Assert.Equal([.. Enumerable.Range(4950, 50).Select(Name)], deep.Body["targets"]!.AsArray().Take(50).Select(t => t!["name"]!.GetValue<string>()));
        var t4999 = deep.Body["targets"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == Name(4999))!;
        Assert.Equal(75, Percents(t4999)[1]); // a bad day in the last part
        output.WriteLine($"storage requests of a 5-day page: {first.Requests} (names in part 0), {deep.Requests} (names in part 2)");
        // Part 0 holds the first page: one totals read per rolled-up day; the deep page adds one part per rolled-up day,
        // not every part.
        Assert.Equal(first.Requests + 2, deep.Requests);
        // The days before the monitor was created are not read: 90 days cost what its 5 days cost.
        Assert.Equal(first.Requests, (await GetAsync("?days=90&limit=100")).Requests);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (status, body, requests) = await GetAsync("?days=2&limit=100" + (token is null ? "" : "&continuationToken=" + token));
            Assert.Equal(200, status);
            seen.AddRange(body["targets"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
            token = body["continuationToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);
        Assert.Equal(Targets / 100, pages);
        Assert.Equal([.. Enumerable.Range(0, Targets).Select(Name)], seen);
    }

    [Theory]
    [InlineData("?days=0", "days")]
    [InlineData("?days=91", "days")]
    [InlineData("?days=9x", "days")]
    [InlineData("?days=", "days")]
    [InlineData("?days=5&days=6", "days")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?window=24h", "window")]
    [InlineData("?Days=5", "Days")]
    public async Task A_bad_query_is_a_400_naming_the_parameter(string query, string field)
    {
        var (status, body, _) = await GetAsync(query);
        Assert.Equal(400, status);
        Assert.Contains(body["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
    }

    [Fact]
    public async Task A_continuation_longer_than_any_target_name_is_a_400_and_an_unknown_monitor_a_404()
    {
        var (status, body, _) = await GetAsync("?continuationToken=" + new string('a', 1025));
        Assert.Equal(400, status);
        Assert.Equal("continuationToken", body["errors"]![0]!["field"]!.GetValue<string>());
        var missing = await _api.UptimeDaysAsync("no-such-" + _name, Http.Request("GET", "/api/monitors/x/uptime/days"), default);
        Assert.Equal(404, missing.Status);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
