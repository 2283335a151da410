using System.Text.Json;
using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Tests.Checks;

/// <summary>The icmp and grpc kinds: their JSON (the wire format every kind has), their fields' rules, their labels.</summary>
public sealed class IcmpAndGrpcCheckTests
{
    private static string Write(CheckSpec check) => JsonSerializer.Serialize(check, FleetOpsJson.Options);
    private static CheckSpec ReadRequest(string json) => JsonSerializer.Deserialize<CheckSpec>(json, FleetOpsJson.Strict)!;

    private static IReadOnlyList<ValidationError> Validate(CheckSpec check, string address = "10.0.0.1:50051") =>
        SweepRequestValidator.Validate(new SweepRequest { Targets = [new TargetSpec { Name = "node", Address = address }], Checks = [check] });

    private static ValidationError Single(CheckSpec check, string field, string address = "10.0.0.1:50051")
    {
        var error = Assert.Single(Validate(check, address));
        Assert.Equal(field, error.Field);
        return error;
    }

    [Theory]
    [InlineData("""{"kind":"icmp"}""")]
    [InlineData("""{"kind":"icmp","timeoutMs":1500,"conditions":["[PACKET_LOSS] == 0","[RTT_AVG] < 5ms"],"count":5,"intervalMs":100,"payloadSize":1472}""")]
    [InlineData("""{"kind":"grpc"}""")]
    [InlineData("""{"kind":"grpc","port":50051,"timeoutMs":900,"conditions":["[GRPC_STATUS] == SERVING"],"service":"fleetops.node","tls":true,"insecure":false,"serverName":"node.test"}""")]
    public void The_wire_format_round_trips(string json)
    {
        var check = ReadRequest(json);

        Assert.Equal(json, Write(check));
        Assert.Empty(Validate(check));
    }

    [Fact]
    public void The_records_carry_the_fields()
    {
        Assert.Equal(new IcmpCheck { Count = 5, IntervalMs = 100, PayloadSize = 0 }, ReadRequest("""{"payloadSize":0,"intervalMs":100,"count":5,"kind":"icmp"}"""));
        Assert.Equal(new GrpcCheck { Port = 1, Service = "", Tls = true, Insecure = true }, ReadRequest("""{"kind":"grpc","port":1,"service":"","tls":true,"insecure":true}"""));
    }

    [Theory]
    [InlineData("""{"kind":"icmp","port":22}""", "port", "tcp, http, tls, grpc")]
    [InlineData("""{"kind":"icmp","service":"x"}""", "service", "grpc")]
    [InlineData("""{"kind":"grpc","count":2}""", "count", "icmp")]
    [InlineData("""{"kind":"grpc","path":"/"}""", "path", "http")]
    public void A_field_of_another_kind_names_the_kinds_that_take_it(string json, string field, string takers)
    {
        var error = Single(ReadRequest(json), $"checks[0].{field}");
        Assert.Contains(takers + " checks take it", error.Message);
    }

    [Theory]
    [InlineData(0, null, null, "count")]
    [InlineData(11, null, null, "count")]
    [InlineData(null, 9, null, "intervalMs")]
    [InlineData(null, 1001, null, "intervalMs")]
    [InlineData(null, null, -1, "payloadSize")]
    [InlineData(null, null, 1473, "payloadSize")]
    public void Icmp_fields_are_bounded(int? count, int? interval, int? payload, string field) =>
        Single(new IcmpCheck { Count = count, IntervalMs = interval, PayloadSize = payload }, $"checks[0].{field}");

    [Theory]
    [InlineData(1, 10, 10)]
    [InlineData(10, 1000, 60_000)]
    [InlineData(3, 200, 401)]
    public void Icmp_bounds_and_a_timeout_that_fits_the_train_are_valid(int count, int interval, int timeout) =>
        Assert.Empty(Validate(new IcmpCheck { Count = count, IntervalMs = interval, PayloadSize = 1472, TimeoutMs = timeout }));

    [Theory]
    [InlineData(3, null, 400)]   // the defaults' last echo goes at 400 ms
    [InlineData(10, 1000, 9000)]
    public void Icmp_echoes_that_could_not_all_be_sent_within_the_checks_timeout_are_refused(int count, int? interval, int timeout)
    {
        var error = Single(new IcmpCheck { Count = count, IntervalMs = interval, TimeoutMs = timeout }, "checks[0].intervalMs");
        Assert.Contains("timeoutMs", error.Message);
    }

    [Fact]
    public void Icmp_needs_no_port_and_ignores_the_addresses() =>
        Assert.Empty(Validate(new IcmpCheck(), "web-1.internal"));

    [Theory]
    [InlineData("web-1", null)]
    [InlineData("[fd00::1]", null)]
    public void Grpc_needs_a_port_from_the_check_or_the_address(string address, int? port)
    {
        var error = Single(new GrpcCheck { Port = port }, "targets[0].address", address);
        Assert.Contains("checks[0] (grpc)", error.Message);
        Assert.Empty(Validate(new GrpcCheck { Port = 50051 }, address));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("é")]
    public void Grpc_service_is_visible_ascii(string service) =>
        Single(new GrpcCheck { Service = service }, "checks[0].service");

    [Fact]
    public void Grpc_service_is_bounded()
    {
        Assert.Empty(Validate(new GrpcCheck { Service = new string('s', GrpcCheck.MaxServiceLength) }));
        Assert.Contains("more than 200", Single(new GrpcCheck { Service = new string('s', 100_000) }, "checks[0].service").Message);
    }

    [Theory]
    [InlineData(null, true, null, "insecure")]
    [InlineData(false, null, "node.test", "serverName")]
    [InlineData(true, null, "10.0.0.1", "serverName")]
    [InlineData(true, null, "bad_name", "serverName")]
    public void Grpc_tls_fields_need_tls_and_a_host_name(bool? tls, bool? insecure, string? serverName, string field) =>
        Single(new GrpcCheck { Tls = tls, Insecure = insecure, ServerName = serverName }, $"checks[0].{field}");

    [Fact]
    public void Grpc_insecure_false_without_tls_says_nothing_wrong() =>
        Assert.Empty(Validate(new GrpcCheck { Insecure = false }));

    [Fact]
    public void Labels_are_short_and_stable()
    {
        Assert.Equal("icmp", new IcmpCheck().Label);
        Assert.Equal("icmp:5", new IcmpCheck { Count = 5 }.Label);
        Assert.Equal("grpc", new GrpcCheck().Label);
        Assert.Equal("grpc:50051", new GrpcCheck { Port = 50051, Service = "" }.Label);
        Assert.Equal("grpc:50051 fleetops.node", new GrpcCheck { Port = 50051, Service = "fleetops.node" }.Label);
        Assert.Equal("grpc fleetops.node", new GrpcCheck { Service = "fleetops.node" }.Label);
    }

    [Theory]
    [InlineData("[GRPC_STATUS] == serving")]
    [InlineData("[PACKET_LOSS] <= 33.4")]
    [InlineData("[RTT_MAX] < 2s")]
    [InlineData("has([RTT_MIN]) == true")]
    public void Conditions_on_the_new_facts_are_valid(string condition)
    {
        Assert.Empty(Validate(new IcmpCheck { Conditions = [condition] }));
        Assert.Empty(Validate(new GrpcCheck { Conditions = [condition] }));
    }

    [Theory]
    [InlineData("[PACKET_LOSS] == high")]
    [InlineData("[RTT_AVG] > fast")]
    [InlineData("[GRPC_STATUS] > 1")]
    [InlineData("[grpc_status] == SERVING")]
    public void Mistakes_on_the_new_facts_are_refused(string condition) =>
        Single(new IcmpCheck { Conditions = [condition] }, "checks[0].conditions[0]");
}
