using System.Text.Json;
using FleetOps.Core.Checks;

namespace FleetOps.Core.Tests.Checks;

/// <summary>The registry is the one list of kinds: names, records, fields, and the JSON every part of FleetOps reads.</summary>
public sealed class CheckKindsTests
{
    private static string Write<T>(T value) => JsonSerializer.Serialize(value, FleetOpsJson.Options);
    private static CheckSpec Read(string json) => JsonSerializer.Deserialize<CheckSpec>(json, FleetOpsJson.Options)!;
    private static CheckSpec ReadRequest(string json) => JsonSerializer.Deserialize<CheckSpec>(json, FleetOpsJson.Strict)!;

    [Fact]
    public void Every_kind_has_a_unique_name_and_record()
    {
        Assert.Equal(["tcp", "http", "tls", "dns", "icmp", "grpc"], CheckKinds.All.Select(k => k.Name));
        Assert.Equal(CheckKinds.All.Count, CheckKinds.All.Select(k => k.SpecType).Distinct().Count());
        Assert.All(CheckKinds.All, k => Assert.True(k.SpecType.IsSubclassOf(typeof(CheckSpec))));
        Assert.Equal("tcp, http, tls, dns, icmp, grpc", CheckKinds.Names);
    }

    [Fact]
    public void Kinds_are_found_by_name_and_by_record()
    {
        Assert.Equal(typeof(DnsCheck), CheckKinds.Find("dns")!.SpecType);
        Assert.Equal("tls", CheckKinds.Find(typeof(TlsCheck))!.Name);
        Assert.Equal(typeof(IcmpCheck), CheckKinds.Find("icmp")!.SpecType);
        Assert.Equal("grpc", CheckKinds.Find(typeof(GrpcCheck))!.Name);
        Assert.Null(CheckKinds.Find("ICMP"));
        Assert.Null(CheckKinds.Find("ping"));
        Assert.Equal("http", new HttpCheck().Kind);
    }

    [Fact]
    public void Each_kind_lists_the_fields_it_takes()
    {
        Assert.Equal(["conditions", "expect", "port", "send", "timeoutMs"], CheckKinds.Find("tcp")!.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["conditions", "name", "recordType", "resolver", "timeoutMs"], CheckKinds.Find("dns")!.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(typeof(IReadOnlyList<int>), CheckKinds.Find("http")!.Fields["expectStatus"]);
        Assert.Equal(["conditions", "count", "intervalMs", "payloadSize", "timeoutMs"], CheckKinds.Find("icmp")!.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["conditions", "insecure", "port", "serverName", "service", "timeoutMs", "tls"], CheckKinds.Find("grpc")!.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("http, tls, grpc", CheckKinds.Taking("serverName"));
        Assert.Equal("tcp, http, tls, grpc", CheckKinds.Taking("port"));
        Assert.DoesNotContain("label", CheckKinds.All.SelectMany(k => k.Fields.Keys));
        Assert.DoesNotContain("kind", CheckKinds.All.SelectMany(k => k.Fields.Keys));
    }

    [Theory]
    [InlineData("""{"kind":"tcp","port":22,"send":"x"}""", typeof(TcpCheck))]
    [InlineData("""{"port":22,"send":"x","kind":"tcp"}""", typeof(TcpCheck))]
    [InlineData("""{"path":"/h","kind":"http","timeoutMs":5}""", typeof(HttpCheck))]
    [InlineData("""{"insecure":true,"kind":"tls"}""", typeof(TlsCheck))]
    [InlineData("""{"name":"a.test","recordType":"MX","kind":"dns"}""", typeof(DnsCheck))]
    [InlineData("""{"count":5,"kind":"icmp"}""", typeof(IcmpCheck))]
    [InlineData("""{"service":"a.B","tls":true,"kind":"grpc"}""", typeof(GrpcCheck))]
    public void Kind_may_come_anywhere_in_the_object(string json, Type type) => Assert.IsType(type, Read(json));

    [Fact]
    public void A_kinds_record_written_as_itself_still_says_its_kind()
    {
        Assert.Equal("""{"kind":"dns","name":"a.test"}""", Write(new DnsCheck { Name = "a.test" }));
        Assert.Equal("""{"kind":"tls","port":443}""", Write<object>(new TlsCheck { Port = 443 }));
        Assert.Equal("""{"kind":"tcp","port":22}""", Write<CheckSpec>(new TcpCheck { Port = 22 }));
    }

    [Fact]
    public void A_kinds_record_reads_only_its_own_kind()
    {
        Assert.Equal(new TcpCheck { Port = 1 }, JsonSerializer.Deserialize<TcpCheck>("""{"port":1,"kind":"tcp"}""", FleetOpsJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TcpCheck>("""{"port":1,"kind":"http"}""", FleetOpsJson.Options));
    }

    [Fact]
    public void The_json_order_is_kind_port_common_fields_then_the_kinds_own()
    {
        Assert.Equal("""{"kind":"http","port":8443,"timeoutMs":900,"conditions":["[STATUS] == 200"],"scheme":"https","path":"/health","serverName":"api.test"}""",
            Write<CheckSpec>(new HttpCheck { ServerName = "api.test", Path = "/health", Scheme = "https", Conditions = ["[STATUS] == 200"], TimeoutMs = 900, Port = 8443 }));
    }

    [Fact]
    public void Fields_of_another_kind_are_kept_for_the_validator_and_never_written()
    {
        var check = Read("""{"kind":"tls","path":"/","send":"x","port":443}""");

        Assert.Equal(["path", "send"], check.MisplacedFields);
        Assert.Equal("""{"kind":"tls","port":443}""", Write(check));
    }

    [Fact]
    public void A_field_of_another_kind_is_still_type_checked_and_an_unknown_field_is_an_error_in_a_request()
    {
        Assert.Throws<JsonException>(() => ReadRequest("""{"kind":"http","expect":[200]}"""));
        var e = Assert.Throws<JsonException>(() => ReadRequest("""{"kind":"http","pth":"/"}"""));
        Assert.Equal("$.pth", e.Path);
        // Stored checks (written by another version) tolerate a field this one does not know.
        Assert.Equal("/", Assert.IsType<HttpCheck>(Read("""{"kind":"http","path":"/","addedLater":1}""")).Path);
    }

    [Theory]
    [InlineData("tcp", null, "tcp")]
    [InlineData("tcp", 22, "tcp:22")]
    [InlineData("tls", null, "tls")]
    [InlineData("tls", 8443, "tls:8443")]
    public void Port_kinds_label_with_their_port(string kind, int? port, string label) =>
        Assert.Equal(label, (kind == "tcp" ? (CheckSpec)new TcpCheck { Port = port } : new TlsCheck { Port = port }).Label);

    [Fact]
    public void Dns_labels_with_its_type_and_name()
    {
        Assert.Equal("dns:A", new DnsCheck().Label);
        Assert.Equal("dns:MX a.test", new DnsCheck { RecordType = "MX", Name = "a.test" }.Label);
    }
}
