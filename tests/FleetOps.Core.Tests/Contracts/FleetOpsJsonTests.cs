using System.Text.Json;
using FleetOps.Core.Contracts;
using FleetOps.Core.Results;
using FleetOps.Core.Summaries;
using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Tests.Contracts;

public sealed class FleetOpsJsonTests
{
    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, FleetOpsJson.Strict)!;
    private static string Write<T>(T value) => JsonSerializer.Serialize(value, FleetOpsJson.Options);
    private static T RoundTrip<T>(T value) => Read<T>(Write(value));

    [Fact]
    public void Request_reads_camel_case_kebab_enums_and_every_field()
    {
        const string json = """
            {
              "requestId": "run-1",
              "name": "nightly",
              "targets": [
                { "name": "web-1", "address": "10.0.0.1:8080", "labels": { "role": "web" } },
                { "name": "db-1", "address": "db-1", "checks": [ { "kind": "tcp", "port": 5432, "timeoutMs": 500 } ] }
              ],
              "checks": [ { "kind": "http", "scheme": "https", "path": "/health", "expectStatus": [200, 204] } ],
              "options": { "batchSize": 10, "concurrency": 4, "timeoutMs": 1500, "attempts": 2 }
            }
            """;

        var request = Read<SweepRequest>(json);

        Assert.Equal("run-1", request.RequestId);
        Assert.Equal("nightly", request.Name);
        Assert.Equal(2, request.Targets!.Count);
        Assert.Equal("web", request.Targets[0].Labels!["role"]);
        var tcp = Assert.Single(request.Targets[1].Checks!);
        Assert.Equal(new TcpCheck { Port = 5432, TimeoutMs = 500 }, tcp);
        var http = Assert.IsType<HttpCheck>(Assert.Single(request.Checks!));
        Assert.Equal("http", http.Kind);
        Assert.Equal("https", http.Scheme);
        Assert.Equal("/health", http.Path);
        Assert.Equal([200, 204], http.ExpectStatus!);
        Assert.Equal(new SweepOptions { BatchSize = 10, Concurrency = 4, TimeoutMs = 1500, Attempts = 2 }, request.Options);
        Assert.Empty(SweepRequestValidator.Validate(request));
    }

    [Fact]
    public void Unknown_check_kind_throws_at_its_path()
    {
        const string json = """{ "targets": [ { "name": "a", "address": "h" } ], "checks": [ { "kind": "smtp" } ] }""";

        var e = Assert.Throws<JsonException>(() => Read<SweepRequest>(json));

        // System.Text.Json reports a kind it cannot resolve at the check's object; the field is the check's kind.
        Assert.Equal("$.checks[0].kind", CheckJson.PathOf(e));
    }

    [Fact]
    public void Unknown_check_kind_in_a_target_throws_at_its_path()
    {
        const string json = """{ "targets": [ { "name": "a", "address": "h" }, { "name": "b", "address": "h", "checks": [ { "kind": "tcp" }, { "kind": "ping" } ] } ] }""";

        var e = Assert.Throws<JsonException>(() => Read<SweepRequest>(json));

        Assert.Equal("$.targets[1].checks[1].kind", CheckJson.PathOf(e));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("\"Tcp_\"")]
    public void Check_kind_as_a_number_or_unknown_name_throws(string kind) =>
        Assert.Throws<JsonException>(() => Read<CheckSpec>($$"""{ "kind": {{kind}} }"""));

    [Fact]
    public void Unknown_property_throws_naming_it()
    {
        var e = Assert.Throws<JsonException>(() => Read<SweepRequest>("""{ "tragets": [ { "name": "a", "address": "h" } ] }"""));

        Assert.Contains("tragets", e.Message);
    }

    [Fact]
    public void Unknown_nested_property_throws()
    {
        Assert.Throws<JsonException>(() => Read<SweepRequest>("""{ "targets": [ { "name": "a", "adress": "h" } ] }"""));
        Assert.Throws<JsonException>(() => Read<SweepRequest>("""{ "targets": [], "checks": [ { "kind": "http", "expect": [200] } ] }"""));
        Assert.Throws<JsonException>(() => Read<SweepRequest>("""{ "targets": [], "options": { "retries": 3 } }"""));
    }

    [Theory]
    [InlineData(ErrorKind.HttpStatus, "\"http-status\"")]
    [InlineData(ErrorKind.Timeout, "\"timeout\"")]
    [InlineData(ErrorKind.Dns, "\"dns\"")]
    [InlineData(ErrorKind.Denied, "\"denied\"")]
    public void Error_kinds_are_kebab_case(ErrorKind kind, string json)
    {
        Assert.Equal(json, Write(kind));
        Assert.Equal(kind, Read<ErrorKind>(json));
    }

    [Fact]
    public void Check_kinds_are_kebab_case()
    {
        Assert.Equal("""{"kind":"tcp"}""", Write(new TcpCheck()));
        Assert.Equal("""{"kind":"http"}""", Write<CheckSpec>(new HttpCheck()));
    }

    [Fact]
    public void Error_kind_dictionary_keys_are_kebab_case_too()
    {
        var json = Write(new Dictionary<ErrorKind, int> { [ErrorKind.HttpStatus] = 2, [ErrorKind.Refused] = 1 });

        Assert.Equal("""{"http-status":2,"refused":1}""", json);
        Assert.Equal(2, Read<Dictionary<ErrorKind, int>>(json)[ErrorKind.HttpStatus]);
    }

    [Fact]
    public void Nulls_are_left_out_and_names_are_camel_case()
    {
        var json = Write(new TcpCheck { Port = 22 });

        Assert.Equal("""{"kind":"tcp","port":22}""", json);
    }

    [Fact]
    public void Request_round_trips()
    {
        var request = new SweepRequest
        {
            RequestId = "r1",
            Targets = [new TargetSpec { Name = "a", Address = "h:1", Labels = new() { ["k"] = "v" }, Checks = [new TcpCheck()] }],
            Checks = [new HttpCheck { Path = "/h", ExpectStatus = [200, 503] }],
            Options = new SweepOptions { Attempts = 3 },
        };

        var back = RoundTrip(request);

        Assert.Equal(Write(request), Write(back));
        Assert.Equal([200, 503], Assert.IsType<HttpCheck>(back.Checks![0]).ExpectStatus!);
        Assert.Equal("v", back.Targets![0].Labels!["k"]);
    }

    [Fact]
    public void Target_result_round_trips()
    {
        var result = new TargetResult("web-1", "10.0.0.1:80", false, 12.5,
        [
            new CheckResult("tcp", "tcp:80", true, 1.25, 1),
            new CheckResult("http", "http:/health", false, 11.25, 2, 503, new ProbeError(ErrorKind.HttpStatus, "status 503")),
        ], new Dictionary<string, string> { ["rack"] = "r1" });

        var json = Write(result);
        var back = RoundTrip(result);

        Assert.Contains("\"kind\":\"http-status\"", json);
        Assert.Equal(json, Write(back));
        Assert.Equal(ErrorKind.HttpStatus, back.Error?.Kind);
        Assert.Equal(503, back.Checks[1].Status);
    }

    [Fact]
    public void Batch_outcome_round_trips_with_its_histogram()
    {
        var outcome = BatchOutcome.From(3,
        [
            new TargetResult("a", "h:1", true, 4.2, [new CheckResult("tcp", "tcp", true, 4.2, 1)]),
            new TargetResult("b", "h:2", false, 250, [new CheckResult("tcp", "tcp", false, 250, 1, Error: new ProbeError(ErrorKind.Timeout, "slow"))]),
        ]);

        var json = Write(outcome);
        var back = RoundTrip(outcome);

        Assert.Contains("\"timeout\":1", json);
        Assert.Equal(json, Write(back));
        Assert.Equal(outcome.Latency.Count, back.Latency.Count);
        Assert.Equal(outcome.Latency.Buckets, back.Latency.Buckets);
        Assert.Equal(outcome.Latency.Percentile(0.5), back.Latency.Percentile(0.5));
        Assert.Equal(1, back.Errors[ErrorKind.Timeout]);
        Assert.Equal(outcome.Failures, back.Failures);
    }

    [Fact]
    public void Summary_round_trips()
    {
        var tally = new SweepTally(2, 2);
        tally.Add(BatchOutcome.From(0, [new TargetResult("b", "h", false, 3, [new CheckResult("tcp", "tcp", false, 3, 1, Error: new ProbeError(ErrorKind.Refused, "no"))])]));
        var summary = tally.ToSummary();

        var json = Write(summary);
        var back = RoundTrip(summary);

        Assert.Contains("\"refused\":1", json);
        Assert.Equal(json, Write(back));
    }

    [Fact]
    public void Indented_options_write_the_same_shape()
    {
        var spec = new HttpCheck { Path = "/x" };
        var indented = JsonSerializer.Serialize(spec, FleetOpsJson.Indented);

        Assert.Contains("\n", indented);
        Assert.Equal(spec, JsonSerializer.Deserialize<CheckSpec>(indented, FleetOpsJson.Options));
    }
}
