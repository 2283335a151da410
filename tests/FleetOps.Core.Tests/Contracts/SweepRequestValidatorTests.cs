using System.Text.Json;
using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Tests.Contracts;

public sealed class SweepRequestValidatorTests
{
    private static readonly HttpCheck HttpHealth = new() { Path = "/health" };

    /// <summary>A check as it comes off the wire: fields of other kinds are read and kept for the validator.</summary>
    private static CheckSpec Wire(string json) => JsonSerializer.Deserialize<CheckSpec>(json, FleetOpsJson.Options)!;

    /// <summary>A check record that is not registered in <see cref="CheckKinds"/>.</summary>
    private sealed record UnregisteredCheck : CheckSpec
    {
        public override string Label => "unregistered";

        public override void Validate(CheckErrors errors)
        {
        }
    }

    private static SweepRequest Valid() => new()
    {
        RequestId = "nightly-2024.06.01_a",
        Name = "nightly",
        Targets =
        [
            new TargetSpec { Name = "web-1", Address = "10.0.0.1:8080", Labels = new() { ["role"] = "web" } },
            new TargetSpec { Name = "web-2", Address = "[fd00::2]:8080" },
            new TargetSpec { Name = "db-1", Address = "db-1.internal", Checks = [new TcpCheck { Port = 5432 }] },
        ],
        Checks = [HttpHealth, new TcpCheck()],
        Options = new SweepOptions { BatchSize = 50, Concurrency = 16, TimeoutMs = 1_500, Attempts = 2 },
    };

    private static SweepRequest OneTarget(string? address = "10.0.0.1:80", List<CheckSpec>? checks = null, string? name = "node") => new()
    {
        Targets = [new TargetSpec { Name = name, Address = address }],
        Checks = checks ?? [HttpHealth],
    };

    /// <summary>The request has exactly one problem, in this field.</summary>
    private static ValidationError Single(SweepRequest request, string field)
    {
        var errors = SweepRequestValidator.Validate(request);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    [Fact]
    public void Valid_request_has_no_errors() => Assert.Empty(SweepRequestValidator.Validate(Valid()));

    [Fact]
    public void Minimal_request_has_no_errors() =>
        Assert.Empty(SweepRequestValidator.Validate(new SweepRequest { Targets = [new TargetSpec { Name = "a", Address = "a" }], Checks = [new HttpCheck()] }));

    [Fact]
    public void Missing_targets() => Single(Valid() with { Targets = null }, "targets");

    [Fact]
    public void Empty_targets() => Single(Valid() with { Targets = [] }, "targets");

    [Fact]
    public void Too_many_targets()
    {
        var targets = Enumerable.Range(0, SweepRequestValidator.MaxTargets + 1).Select(i => new TargetSpec { Name = $"n{i}", Address = "h" }).ToList();
        var error = Single(Valid() with { Targets = targets }, "targets");
        Assert.Contains("100001", error.Message);
    }

    [Fact]
    public void The_target_cap_is_the_configured_one()
    {
        var targets = Enumerable.Range(0, 151).Select(i => new TargetSpec { Name = $"n{i}", Address = "h:1" }).ToList();
        var limits = new SweepLimits { MaxTargets = 150 };

        Assert.Empty(SweepRequestValidator.Validate(Valid() with { Targets = targets[..150] }, limits));
        var error = Assert.Single(SweepRequestValidator.Validate(Valid() with { Targets = targets }, limits));
        Assert.Equal("targets", error.Field);
        Assert.Contains("151 targets is more than the 150", error.Message);
    }

    [Fact]
    public void Null_target() => Single(Valid() with { Targets = [Valid().Targets![0], null!] }, "targets[1]");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_name(string? name) => Single(OneTarget(name: name), "targets[0].name");

    [Fact]
    public void Duplicate_name_points_at_the_first_use()
    {
        var request = Valid() with
        {
            Targets = [new TargetSpec { Name = "a", Address = "h1" }, new TargetSpec { Name = "b", Address = "h2" }, new TargetSpec { Name = "a", Address = "h3" }],
            Checks = [HttpHealth],
        };

        var error = Single(request, "targets[2].name");
        Assert.Contains("'a'", error.Message);
        Assert.Contains("targets[0]", error.Message);
    }

    [Fact]
    public void Names_are_case_sensitive() =>
        Assert.Empty(SweepRequestValidator.Validate(Valid() with
        {
            Targets = [new TargetSpec { Name = "a", Address = "h1" }, new TargetSpec { Name = "A", Address = "h2" }],
            Checks = [HttpHealth],
        }));

    [Theory]
    [InlineData("host:99999", "99999")]
    [InlineData("host:0", "'0'")]
    [InlineData("host:", "port ''")]
    [InlineData("host:http", "'http'")]
    [InlineData("[::1", "']'")]
    [InlineData("[::1]x", "':port'")]
    [InlineData("a:b:c", "[addr]:port")]
    [InlineData("::1", "[addr]:port")]
    [InlineData(":80", "no host")]
    [InlineData("[]:80", "no host")]
    [InlineData("[]", "no host")]
    [InlineData("", "empty")]
    [InlineData("  ", "empty")]
    [InlineData(null, "empty")]
    public void Bad_address(string? address, string hint)
    {
        var error = Single(OneTarget(address), "targets[0].address");
        Assert.Contains(hint, error.Message);
    }

    [Fact]
    public void Bad_address_of_a_later_target_names_its_index()
    {
        var request = Valid();
        request.Targets![2] = request.Targets[2] with { Address = "db:70000" };
        Single(request, "targets[2].address");
    }

    [Fact]
    public void Tcp_check_without_any_port()
    {
        var error = Single(OneTarget("web-1", [new TcpCheck()]), "targets[0].address");
        Assert.Contains("'web-1'", error.Message);
        Assert.Contains("checks[0]", error.Message);
    }

    [Fact]
    public void Tcp_check_without_any_port_on_the_target_checks()
    {
        var request = new SweepRequest
        {
            Targets = [new TargetSpec { Name = "a", Address = "web-1", Checks = [HttpHealth, new TcpCheck()] }],
        };
        var error = Single(request, "targets[0].address");
        Assert.Contains("targets[0].checks[1]", error.Message);
    }

    [Fact]
    public void Tcp_check_port_or_address_port_is_enough()
    {
        Assert.Empty(SweepRequestValidator.Validate(OneTarget("web-1", [new TcpCheck { Port = 22 }])));
        Assert.Empty(SweepRequestValidator.Validate(OneTarget("web-1:22", [new TcpCheck()])));
        Assert.Empty(SweepRequestValidator.Validate(OneTarget("[fd00::1]:22", [new TcpCheck()])));
    }

    [Fact]
    public void No_checks_anywhere() => Single(OneTarget() with { Checks = null }, "checks");

    [Fact]
    public void Empty_target_checks_do_not_fall_back_to_the_top_level() =>
        Single(Valid() with { Targets = [new TargetSpec { Name = "a", Address = "h", Checks = [] }] }, "targets[0].checks");

    [Theory]
    [InlineData("ftp")]
    [InlineData("HTTP")]
    [InlineData("gopher")]
    [InlineData("")]
    public void Unknown_scheme(string scheme)
    {
        Single(OneTarget(checks: [HttpHealth with { Scheme = scheme }]), "checks[0].scheme");
        Single(Valid() with { Targets = [new TargetSpec { Name = "a", Address = "h", Checks = [HttpHealth, HttpHealth with { Scheme = scheme }] }] },
            "targets[0].checks[1].scheme");
    }

    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    public void Known_scheme(string scheme) =>
        Assert.Empty(SweepRequestValidator.Validate(OneTarget(checks: [HttpHealth with { Scheme = scheme }])));

    [Theory]
    [InlineData("health")]
    [InlineData("")]
    [InlineData("?x=1")]
    public void Path_not_starting_with_slash(string path) =>
        Single(OneTarget(checks: [HttpHealth with { Path = path }]), "checks[0].path");

    [Theory]
    [InlineData("/health")]
    [InlineData("health.example.com/x")]
    [InlineData("ftp://example.com/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http//example.com")]
    [InlineData("")]
    public void Url_not_absolute_http(string url) =>
        Single(OneTarget(checks: [new HttpCheck { Url = url }]), "checks[0].url");

    [Theory]
    [InlineData("http://10.0.0.1:8080/health")]
    [InlineData("https://[fd00::1]/")]
    public void Url_absolute_http(string url) =>
        Assert.Empty(SweepRequestValidator.Validate(OneTarget(checks: [new HttpCheck { Url = url }])));

    [Fact]
    public void Expect_status_out_of_range_names_each_bad_entry()
    {
        var errors = SweepRequestValidator.Validate(OneTarget(checks: [HttpHealth with { ExpectStatus = [200, 99, 404, 600] }]));

        Assert.Equal(["checks[0].expectStatus[1]", "checks[0].expectStatus[3]"], errors.Select(e => e.Field));
        Assert.Contains("99", errors[0].Message);
        Assert.Contains("100-599", errors[0].Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void Check_port_out_of_range(int port) =>
        Single(OneTarget(checks: [new TcpCheck { Port = port }]), "checks[0].port");

    [Theory]
    [InlineData(0)]
    [InlineData(60_001)]
    public void Check_timeout_out_of_range(int timeoutMs) =>
        Single(OneTarget(checks: [HttpHealth with { TimeoutMs = timeoutMs }]), "checks[0].timeoutMs");

    [Fact]
    public void Check_kind_not_defined() =>
        Single(OneTarget(checks: [new UnregisteredCheck()]), "checks[0].kind");

    [Theory]
    [InlineData("/x", null, null)]
    [InlineData(null, "http://h/", null)]
    [InlineData(null, null, "http")]
    public void Tcp_check_with_http_fields(string? path, string? url, string? scheme)
    {
        // The error names the field that does not belong, and the kind that takes it.
        var field = path is not null ? "path" : url is not null ? "url" : "scheme";
        var value = path ?? url ?? scheme;
        var error = Single(OneTarget("h:22", [Wire($$"""{"kind": "tcp", "{{field}}": "{{value}}"}""")]), $"checks[0].{field}");
        Assert.Contains("not used by tcp checks", error.Message);
        Assert.Contains("http", error.Message);
    }

    [Fact]
    public void Null_check() => Single(OneTarget(checks: [null!]), "checks[0]");

    // --- check kinds: tls, dns, and the fields each kind takes ---

    private static readonly TlsCheck Tls = new();
    private static readonly DnsCheck Dns = new() { Name = "www.example.com" };

    [Fact]
    public void Every_kind_with_every_field_it_takes_is_valid() =>
        Assert.Empty(SweepRequestValidator.Validate(OneTarget("web-1.internal:8443",
        [
            new HttpCheck
            {
                Scheme = "https", Path = "/health", Port = 8443, TimeoutMs = 900, Method = "POST",
                Headers = new() { ["Authorization"] = "Bearer x", ["Content-Type"] = "application/json", ["Host"] = "api.test" },
                Body = "{}", ExpectStatus = [200, 204], FollowRedirects = true, Insecure = false, ServerName = "api.test",
                Conditions = ["[STATUS] == 200", "[BODY].status == UP", "[RESPONSE_TIME] < 300"],
            },
            new TcpCheck { Port = 22, Send = @"HELO\r\n", Expect = "/^SSH-2\\.0/", Conditions = ["[CONNECTED] == true"] },
            new TlsCheck { Port = 443, ServerName = "web-1.internal", Insecure = true, Conditions = ["[CERTIFICATE_EXPIRATION] > 48h"] },
            new DnsCheck { Name = "_dmarc.example.com.", RecordType = "txt", Resolver = "[fd00::53]:5353", Conditions = ["[DNS_RCODE] == NOERROR"] },
        ])));

    [Theory]
    [InlineData("tcp", "path")]
    [InlineData("tcp", "method")]
    [InlineData("tcp", "serverName")]
    [InlineData("tls", "send")]
    [InlineData("tls", "expectStatus")]
    [InlineData("dns", "port")]
    [InlineData("dns", "insecure")]
    [InlineData("http", "resolver")]
    [InlineData("http", "expect")]
    [InlineData("http", "name")]
    public void Field_another_kind_takes_is_named_with_the_kind(string kind, string field)
    {
        var value = field switch
        {
            "path" => "\"/x\"",
            "method" => "\"GET\"",
            "serverName" => "\"a.test\"",
            "send" => "\"x\"",
            "expectStatus" => "[200]",
            "port" => "53",
            "insecure" => "true",
            "resolver" => "\"10.0.0.2\"",
            "expect" => "\"x\"",
            _ => "\"a.test\"",
        };
        var check = Wire($$"""{"kind": "{{kind}}", "{{field}}": {{value}}}""");

        var error = Single(OneTarget("web-1:22", [check]), $"checks[0].{field}");

        Assert.StartsWith($"not used by {kind} checks", error.Message);
    }

    [Fact]
    public void Every_misplaced_field_is_reported() =>
        Assert.Equal(["checks[0].path", "checks[0].send", "checks[0].recordType"],
            SweepRequestValidator.Validate(OneTarget(checks: [Wire("""{"kind": "tls", "path": "/", "send": "x", "recordType": "A"}""")])).Select(e => e.Field));

    [Fact]
    public void Unknown_kind_lists_every_kind()
    {
        var error = Single(OneTarget(checks: [new UnregisteredCheck()]), "checks[0].kind");
        Assert.Contains("tcp, http, tls, dns", error.Message);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("PURGE")]
    public void Http_method_token(string method) =>
        Assert.Empty(SweepRequestValidator.Validate(OneTarget(checks: [HttpHealth with { Method = method }])));

    [Theory]
    [InlineData("")]
    [InlineData("GE T")]
    [InlineData("GET\r\nX: y")]
    [InlineData("GET/")]
    [InlineData("ÜBER")]
    public void Http_method_not_a_token(string method) =>
        Single(OneTarget(checks: [HttpHealth with { Method = method }]), "checks[0].method");

    [Theory]
    [InlineData("X Bad", "v", "checks[0].headers")]
    [InlineData("", "v", "checks[0].headers")]
    [InlineData("X-Evil", "a\r\nSet-Cookie: x=1", "checks[0].headers.X-Evil")]
    [InlineData("X-Evil", "a\nb", "checks[0].headers.X-Evil")]
    [InlineData("X-Nul", "a\0b", "checks[0].headers.X-Nul")]
    [InlineData("X-Utf", "café", "checks[0].headers.X-Utf")]
    [InlineData("Content-Length", "5", "checks[0].headers.Content-Length")]
    [InlineData("transfer-encoding", "chunked", "checks[0].headers.transfer-encoding")]
    public void Bad_header(string name, string value, string field) =>
        Single(OneTarget(checks: [HttpHealth with { Headers = new() { [name] = value } }]), field);

    [Fact]
    public void Header_value_with_a_line_break_says_so()
    {
        var error = Single(OneTarget(checks: [HttpHealth with { Headers = new() { ["X-A"] = "1\r\nX-B: 2" } }]), "checks[0].headers.X-A");
        Assert.Contains("line break", error.Message);
    }

    [Fact]
    public void Too_many_headers() =>
        Single(OneTarget(checks: [HttpHealth with { Headers = Enumerable.Range(0, 51).ToDictionary(i => $"X-{i}", _ => "v") }]), "checks[0].headers");

    [Fact]
    public void Body_too_long() =>
        Single(OneTarget(checks: [HttpHealth with { Body = new string('a', 64 * 1024 + 1) }]), "checks[0].body");

    [Theory]
    [InlineData("api.example.com")]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("localhost")]
    public void Server_name_host_name(string serverName)
    {
        Assert.Empty(SweepRequestValidator.Validate(OneTarget(checks: [HttpHealth with { ServerName = serverName }])));
        Assert.Empty(SweepRequestValidator.Validate(OneTarget(checks: [Tls with { ServerName = serverName }])));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("under_score.example")]
    [InlineData("a..b")]
    [InlineData("-lead.example")]
    [InlineData("bücher.example")]
    [InlineData("")]
    [InlineData("a b")]
    public void Server_name_not_a_host_name(string serverName) =>
        Single(OneTarget(checks: [Tls with { ServerName = serverName }]), "checks[0].serverName");

    [Theory]
    [InlineData(@"PING\r\n")]
    [InlineData(@"a\tb\\c")]
    [InlineData("plain")]
    public void Send_with_known_escapes(string send) =>
        Assert.Empty(SweepRequestValidator.Validate(OneTarget("h:1", [new TcpCheck { Send = send }])));

    [Theory]
    [InlineData(@"PING\x00", "'\\x'")]
    [InlineData(@"end\", "lone")]
    public void Send_with_a_bad_escape(string send, string hint)
    {
        var error = Single(OneTarget("h:1", [new TcpCheck { Send = send }]), "checks[0].send");
        Assert.Contains(hint, error.Message);
    }

    [Fact]
    public void Send_and_expect_lengths()
    {
        Single(OneTarget("h:1", [new TcpCheck { Send = new string('a', 4097) }]), "checks[0].send");
        Single(OneTarget("h:1", [new TcpCheck { Expect = new string('a', 1025) }]), "checks[0].expect");
        Single(OneTarget("h:1", [new TcpCheck { Expect = "" }]), "checks[0].expect");
    }

    [Theory]
    [InlineData("/[unclosed/")]
    [InlineData("/(?<n>a/")]
    [InlineData("/a{2,1}/")]
    public void Expect_pattern_that_does_not_compile(string expect)
    {
        var error = Single(OneTarget("h:1", [new TcpCheck { Expect = expect }]), "checks[0].expect");
        Assert.Contains("regular expression", error.Message);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("a/b/")]
    [InlineData("[unclosed")]
    public void Expect_without_both_slashes_is_plain_text(string expect) =>
        Assert.Empty(SweepRequestValidator.Validate(OneTarget("h:1", [new TcpCheck { Expect = expect }])));

    [Theory]
    [InlineData("A")]
    [InlineData("AAAA")]
    [InlineData("cname")]
    [InlineData("TXT")]
    [InlineData("MX")]
    [InlineData("NS")]
    public void Record_type_supported(string type) =>
        Assert.Empty(SweepRequestValidator.Validate(OneTarget(checks: [Dns with { RecordType = type }])));

    [Theory]
    [InlineData("SRV")]
    [InlineData("PTR")]
    [InlineData("ANY")]
    [InlineData("")]
    public void Record_type_not_supported(string type)
    {
        var error = Single(OneTarget(checks: [Dns with { RecordType = type }]), "checks[0].recordType");
        Assert.Contains("A, AAAA, CNAME, TXT, MX, NS", error.Message);
    }

    [Theory]
    [InlineData("10.0.0.2")]
    [InlineData("10.0.0.2:5353")]
    [InlineData("fd00::2")]
    [InlineData("[fd00::2]")]
    [InlineData("[fd00::2]:53")]
    public void Resolver_ip_and_port(string resolver) =>
        Assert.Empty(SweepRequestValidator.Validate(OneTarget(checks: [Dns with { Resolver = resolver }])));

    [Theory]
    [InlineData("dns.google")]
    [InlineData("10.0.0.2:0")]
    [InlineData("10.0.0.2:70000")]
    [InlineData("10.0.0.2:")]
    [InlineData("10.1")]
    [InlineData("[fd00::2")]
    [InlineData("[fd00::2]x")]
    [InlineData("")]
    public void Resolver_not_ip_and_port(string resolver) =>
        Single(OneTarget(checks: [Dns with { Resolver = resolver }]), "checks[0].resolver");

    [Theory]
    [InlineData("_dmarc.example.com")]
    [InlineData("www.example.com.")]
    public void Dns_name(string name) =>
        Assert.Empty(SweepRequestValidator.Validate(OneTarget(checks: [Dns with { Name = name }])));

    [Theory]
    [InlineData("a..b")]
    [InlineData("has space.example")]
    [InlineData(".")]
    public void Dns_name_not_a_name(string name) =>
        Single(OneTarget(checks: [Dns with { Name = name }]), "checks[0].name");

    [Fact]
    public void Dns_check_of_an_ip_target_needs_a_name()
    {
        var error = Single(OneTarget("10.0.0.1", [Dns with { Name = null }]), "targets[0].address");
        Assert.Contains("checks[0] (dns)", error.Message);
        Assert.Empty(SweepRequestValidator.Validate(OneTarget("10.0.0.1", [Dns])));
        Assert.Empty(SweepRequestValidator.Validate(OneTarget("web-1:80", [Dns with { Name = null }])));
    }

    [Fact]
    public void Tls_check_needs_no_port() => Assert.Empty(SweepRequestValidator.Validate(OneTarget("web-1", [Tls])));

    // --- conditions ---

    [Fact]
    public void Condition_that_does_not_parse_is_reported_at_its_index_with_position_and_expected_token()
    {
        var error = Single(OneTarget(checks: [HttpHealth with { Conditions = ["[STATUS] == 200", "[STATUS] = 200"] }]), "checks[0].conditions[1]");

        Assert.Contains("position 9", error.Message);
        Assert.Contains("expected an operator", error.Message);
        Assert.Contains("condition 1", error.Message);
    }

    [Fact]
    public void Every_bad_condition_is_reported_each_at_its_own_index()
    {
        var errors = SweepRequestValidator.Validate(OneTarget(checks:
            [HttpHealth with { Conditions = ["[STATUS] = 200", "[STATUS] == 200", "", "[NOPE] == 1", "[BODY] == \"open"] }]));

        Assert.Equal(["checks[0].conditions[2]", "checks[0].conditions[0]", "checks[0].conditions[3]", "checks[0].conditions[4]"], errors.Select(e => e.Field));
        Assert.Contains("condition 3", errors[2].Message);
        Assert.Contains("condition 4", errors[3].Message);
    }

    [Fact]
    public void Conditions_of_a_target_check_name_the_target()
    {
        var request = new SweepRequest
        {
            Targets = [new TargetSpec { Name = "a", Address = "h:1", Checks = [HttpHealth, HttpHealth with { Conditions = ["[STATUS] ==="] }] }],
        };

        Single(request, "targets[0].checks[1].conditions[0]");
    }

    [Fact]
    public void Too_many_or_too_long_conditions()
    {
        Single(OneTarget(checks: [HttpHealth with { Conditions = [.. Enumerable.Repeat("[STATUS] == 200", 33)] }]), "checks[0].conditions");
        Single(OneTarget(checks: [HttpHealth with { Conditions = [$"[BODY] == {new string('a', 1030)}"] }]), "checks[0].conditions[0]");
    }


    [Theory]
    [InlineData("batchSize", 0)]
    [InlineData("batchSize", 5_001)]
    [InlineData("concurrency", 0)]
    [InlineData("concurrency", 513)]
    [InlineData("timeoutMs", 0)]
    [InlineData("timeoutMs", 60_001)]
    [InlineData("attempts", 0)]
    [InlineData("attempts", 11)]
    public void Option_out_of_range(string option, int value)
    {
        var options = option switch
        {
            "batchSize" => new SweepOptions { BatchSize = value },
            "concurrency" => new SweepOptions { Concurrency = value },
            "timeoutMs" => new SweepOptions { TimeoutMs = value },
            _ => new SweepOptions { Attempts = value },
        };
        var error = Single(Valid() with { Options = options }, $"options.{option}");
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void Options_at_their_limits_are_valid() =>
        Assert.Empty(SweepRequestValidator.Validate(Valid() with
        {
            Options = new SweepOptions { BatchSize = 5_000, Concurrency = 512, TimeoutMs = 60_000, Attempts = 10 },
        }));

    [Theory]
    [InlineData("bad id")]
    [InlineData("-starts-with-dash")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("über")]
    public void Bad_request_id(string id) => Single(Valid() with { RequestId = id }, "requestId");

    [Fact]
    public void Request_id_too_long()
    {
        Single(Valid() with { RequestId = new string('a', 101) }, "requestId");
        Assert.Empty(SweepRequestValidator.Validate(Valid() with { RequestId = new string('a', 100) }));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var request = new SweepRequest
        {
            RequestId = "no spaces",
            Targets = [new TargetSpec { Name = "a", Address = "h:0" }, new TargetSpec { Name = "a", Address = "h" }, new TargetSpec { Address = "x" }],
            Checks = [HttpHealth with { Path = "nope" }],
            Options = new SweepOptions { Attempts = 0 },
        };

        var fields = SweepRequestValidator.Validate(request).Select(e => e.Field).ToList();

        Assert.Equal(
            ["requestId", "checks[0].path", "targets[0].address", "targets[1].name", "targets[2].name", "options.attempts"],
            fields);
    }

    [Fact]
    public void Exception_lists_every_error()
    {
        var errors = SweepRequestValidator.Validate(new SweepRequest { RequestId = "x y" });
        var e = new RequestValidationException(errors);

        Assert.Same(errors, e.Errors);
        Assert.Contains("requestId:", e.Message);
        Assert.Contains("targets:", e.Message);
    }
}
