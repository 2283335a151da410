using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Tests.Contracts;

public sealed class SweepRequestValidatorTests
{
    private static readonly CheckSpec HttpHealth = new() { Kind = CheckKind.Http, Path = "/health" };

    private static SweepRequest Valid() => new()
    {
        RequestId = "nightly-2024.06.01_a",
        Name = "nightly",
        Targets =
        [
            new TargetSpec { Name = "web-1", Address = "10.0.0.1:8080", Labels = new() { ["role"] = "web" } },
            new TargetSpec { Name = "web-2", Address = "[fd00::2]:8080" },
            new TargetSpec { Name = "db-1", Address = "db-1.internal", Checks = [new CheckSpec { Kind = CheckKind.Tcp, Port = 5432 }] },
        ],
        Checks = [HttpHealth, new CheckSpec { Kind = CheckKind.Tcp }],
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
        Assert.Empty(SweepRequestValidator.Validate(new SweepRequest { Targets = [new TargetSpec { Name = "a", Address = "a" }], Checks = [new CheckSpec { Kind = CheckKind.Http }] }));

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
        var error = Single(OneTarget("web-1", [new CheckSpec { Kind = CheckKind.Tcp }]), "targets[0].address");
        Assert.Contains("'web-1'", error.Message);
        Assert.Contains("checks[0]", error.Message);
    }

    [Fact]
    public void Tcp_check_without_any_port_on_the_target_checks()
    {
        var request = new SweepRequest
        {
            Targets = [new TargetSpec { Name = "a", Address = "web-1", Checks = [HttpHealth, new CheckSpec { Kind = CheckKind.Tcp }] }],
        };
        var error = Single(request, "targets[0].address");
        Assert.Contains("targets[0].checks[1]", error.Message);
    }

    [Fact]
    public void Tcp_check_port_or_address_port_is_enough()
    {
        Assert.Empty(SweepRequestValidator.Validate(OneTarget("web-1", [new CheckSpec { Kind = CheckKind.Tcp, Port = 22 }])));
        Assert.Empty(SweepRequestValidator.Validate(OneTarget("web-1:22", [new CheckSpec { Kind = CheckKind.Tcp }])));
        Assert.Empty(SweepRequestValidator.Validate(OneTarget("[fd00::1]:22", [new CheckSpec { Kind = CheckKind.Tcp }])));
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
        Single(OneTarget(checks: [new CheckSpec { Kind = CheckKind.Http, Url = url }]), "checks[0].url");

    [Theory]
    [InlineData("http://10.0.0.1:8080/health")]
    [InlineData("https://[fd00::1]/")]
    public void Url_absolute_http(string url) =>
        Assert.Empty(SweepRequestValidator.Validate(OneTarget(checks: [new CheckSpec { Kind = CheckKind.Http, Url = url }])));

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
        Single(OneTarget(checks: [new CheckSpec { Kind = CheckKind.Tcp, Port = port }]), "checks[0].port");

    [Theory]
    [InlineData(0)]
    [InlineData(60_001)]
    public void Check_timeout_out_of_range(int timeoutMs) =>
        Single(OneTarget(checks: [HttpHealth with { TimeoutMs = timeoutMs }]), "checks[0].timeoutMs");

    [Fact]
    public void Check_kind_not_defined() =>
        Single(OneTarget(checks: [new CheckSpec { Kind = (CheckKind)7 }]), "checks[0].kind");

    [Theory]
    [InlineData("/x", null, null)]
    [InlineData(null, "http://h/", null)]
    [InlineData(null, null, "http")]
    public void Tcp_check_with_http_fields(string? path, string? url, string? scheme)
    {
        var error = Single(OneTarget("h:22", [new CheckSpec { Kind = CheckKind.Tcp, Path = path, Url = url, Scheme = scheme }]), "checks[0].kind");
        Assert.Contains("http", error.Message);
    }

    [Fact]
    public void Null_check() => Single(OneTarget(checks: [null!]), "checks[0]");

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
