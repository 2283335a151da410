using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Core.Contracts;
using FleetOps.Core.Monitors;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Tests.Contracts;

/// <summary>
/// A value quoted back in an error is cut to <see cref="Echo.MaxChars"/> characters and its length: a 1 MiB bad value
/// must not come back in the 400 (where detail and errors would carry it twice).
/// </summary>
public sealed class EchoTests
{
    private static readonly string Huge = new('x', 1 << 20);

    [Fact]
    public void Short_values_are_quoted_whole_and_long_ones_cut_with_their_length()
    {
        Assert.Equal("'web-1'", Echo.Quote("web-1"));
        Assert.Equal("null", Echo.Quote(null));
        Assert.Equal($"'{new string('x', 64)}…(1048576 chars)'", Echo.Quote(Huge));
        Assert.Equal(new string('y', 64), Echo.Cut(new string('y', 64)));
    }

    [Fact]
    public void A_cut_never_splits_a_character()
    {
        var emoji = new string('a', 63) + "😀" + new string('b', 10);

        Assert.Equal(new string('a', 63) + "…(75 chars)", Echo.Cut(emoji));
    }

    private const string Sweep = """
        {"targets": [{"name": "a", "address": "h:1"}], "checks": [{"kind": "http", "path": "/"}]}
        """;

    /// <summary><paramref name="json"/> with <paramref name="value"/> put at a path ("checks[0].url", "checks[0]"), the huge value in place of HUGE.</summary>
    private static string With(string json, string path, string value)
    {
        var root = JsonNode.Parse(json)!;
        var steps = path.Split('.');
        var parent = steps[..^1].Aggregate(root, Step);
        var last = steps[^1];
        var replacement = JsonNode.Parse(value.Replace("HUGE", Huge, StringComparison.Ordinal));
        if (last.EndsWith(']')) Step(parent, last[..last.IndexOf('[')]).AsArray()[Index(last)] = replacement;
        else parent[last] = replacement;
        return root.ToJsonString();
    }

    private static JsonNode Step(JsonNode node, string step) =>
        step.EndsWith(']') ? node[step[..step.IndexOf('[')]]![Index(step)]! : node[step]!;

    private static int Index(string step) => int.Parse(step[(step.IndexOf('[') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertShort(RequestValidationException e)
    {
        Assert.NotEmpty(e.Errors);
        Assert.All(e.Errors, error =>
        {
            Assert.InRange(error.Field.Length, 1, 100);
            Assert.InRange(error.Message.Length, 1, 400);
        });
        Assert.InRange(e.Message.Length, 1, 1000);
    }

    [Theory]
    [InlineData("targets[0].address", "\"HUGE\"")]
    [InlineData("targets[0].address", "\"h:HUGE\"")]
    [InlineData("targets[0].address", "\"[HUGE\"")]
    [InlineData("checks[0].scheme", "\"HUGE\"")]
    [InlineData("checks[0].path", "\"HUGE\"")]
    [InlineData("checks[0].url", "\"HUGE\"")]
    [InlineData("checks[0].url", "\"http://HUGE/\"")]
    [InlineData("checks[0].method", "\"HUGE\"")]
    [InlineData("checks[0].headers", "{\"HUGE\": \"v\"}")]
    [InlineData("checks[0].headers", "{\"Host\": \"HUGE\"}")]
    [InlineData("checks[0].serverName", "\"HUGE\"")]
    [InlineData("checks[0]", "{\"kind\": \"dns\", \"name\": \"HUGE\"}")]
    [InlineData("checks[0]", "{\"kind\": \"dns\", \"name\": \"a.HUGE-\"}")]
    [InlineData("checks[0]", "{\"kind\": \"dns\", \"recordType\": \"HUGE\"}")]
    [InlineData("checks[0]", "{\"kind\": \"dns\", \"resolver\": \"HUGE\"}")]
    [InlineData("checks[0]", "{\"kind\": \"tcp\", \"port\": 1, \"send\": \"HUGE\"}")]
    [InlineData("checks[0]", "{\"kind\": \"HUGE\"}")]
    [InlineData("checks[0]", "{\"kind\": \"http\", \"HUGE\": 1}")]
    [InlineData("requestId", "\"HUGE\"")]
    [InlineData("options", "{\"HUGE\": 1}")]
    public void A_huge_bad_value_in_a_sweep_comes_back_cut(string path, string value)
    {
        var json = With(Sweep, path, value);

        AssertShort(Assert.Throws<RequestValidationException>(() => RequestReader.ParseSweep(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void A_huge_duplicate_name_comes_back_cut()
    {
        var json = $$"""{"targets": [{"name": "{{Huge}}", "address": "h:1"}, {"name": "{{Huge}}", "address": "h:2"}], "checks": [{"kind": "tcp"}]}""";

        AssertShort(Assert.Throws<RequestValidationException>(() => RequestReader.ParseSweep(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void A_long_bad_pattern_comes_back_cut()
    {
        var json = $$"""{"targets": [{"name": "a", "address": "h:1"}], "checks": [{"kind": "tcp", "expect": "/({{new string('a', 1000)}}/"}]}""";

        var e = Assert.Throws<RequestValidationException>(() => RequestReader.ParseSweep(Encoding.UTF8.GetBytes(json)));
        AssertShort(e);
        Assert.Contains("regular expression", e.Errors[0].Message);
    }

    private const string Rollout = """
        {"targets": [{"name": "a", "address": "h:1"}], "action": {"url": "http://{{address}}/x"},
         "budgets": {"actionFailures": 1}, "approval": {"mode": "none"}, "waves": [1]}
        """;

    [Theory]
    [InlineData("targets[0].address", "\"HUGE\"")]
    [InlineData("action.method", "\"HUGE\"")]
    [InlineData("action.url", "\"HUGE\"")]
    [InlineData("action.url", "\"http://{{HUGE}}/\"")]
    [InlineData("action.url", "\"http://{{labels.HUGE!}}/\"")]
    [InlineData("action.headers", "{\"HUGE\": \"v\"}")]
    [InlineData("budgets.actionFailures", "\"HUGE\"")]
    [InlineData("budgets.onExceeded", "\"HUGE\"")]
    [InlineData("approval.mode", "\"HUGE\"")]
    [InlineData("waves", "[\"HUGE\"]")]
    public void A_huge_bad_value_in_a_rollout_comes_back_cut(string path, string value) =>
        AssertCut<RolloutRequest>(Rollout, path, value, request => RolloutRequestValidator.Validate(request));

    /// <summary>A request read strictly, <paramref name="value"/> put at <paramref name="path"/>, then validated: every error short.</summary>
    private static void AssertCut<T>(string json, string path, string value, Func<T, IReadOnlyList<ValidationError>> validate) where T : class =>
        AssertShort(new RequestValidationException(validate(RequestReader.Deserialize<T>(Encoding.UTF8.GetBytes(With(json, path, value))))));

    private const string Monitor = """
        {"name": "m", "targets": [{"name": "a", "address": "h:1"}, {"name": "b", "address": "h:2"}], "checks": [{"kind": "tcp"}],
         "interval": "30s", "notifiers": [{"name": "ops"}], "maintenance": [{"cron": "0 2 * * SUN", "duration": "2h"}]}
        """;

    // Found by the request fuzzing (inproc-monitors): the monitor and notifier validators quoted values whole.
    [Theory]
    [InlineData("interval", "\"HUGE\"")]
    [InlineData("timeZone", "\"HUGE\"")]
    [InlineData("labels", "{\"HUGE \": \"v\"}")]
    [InlineData("maintenance[0]", "{\"cron\": \"HUGE\", \"duration\": \"2h\"}")]
    [InlineData("maintenance[0]", "{\"cron\": \"0 2 * * HUGE\", \"duration\": \"2h\"}")]
    [InlineData("maintenance[0]", "{\"cron\": \"0 2 * * SUN\", \"duration\": \"HUGE\"}")]
    [InlineData("maintenance[0]", "{\"from\": \"HUGE\", \"until\": \"2026-12-02T02:00:00Z\"}")]
    [InlineData("notifiers[0]", "{\"name\": \"ops\", \"repeatEvery\": \"HUGE\"}")]
    [InlineData("targets[1]", "{\"name\": \"b\", \"address\": \"h:2\", \"labels\": {\"parent\": \"HUGE\"}}")]
    public void A_huge_bad_value_in_a_monitor_comes_back_cut(string path, string value) =>
        AssertCut<MonitorDefinition>(Monitor, path, value, definition => MonitorDefinitionValidator.Validate(definition));

    private const string Notifier = """{"kind": "pagerduty", "routingKey": "R0123456789abcdef0123456789abcde", "severity": "error"}""";

    [Theory]
    [InlineData("kind", "\"HUGE\"")]
    [InlineData("severity", "\"HUGE\"")]
    [InlineData("routingKey", "{\"fromSetting\": \"HUGE!\"}")]
    [InlineData("headers", "{\"HUGE \": \"v\"}")]
    public void A_huge_bad_value_in_a_notifier_comes_back_cut(string path, string value) =>
        AssertCut<NotifierDefinition>(Notifier, path, value, definition => NotifierDefinitionValidator.Validate(definition));
}
