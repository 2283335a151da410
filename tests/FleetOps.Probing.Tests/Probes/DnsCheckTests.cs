using System.Diagnostics;
using System.Net;
using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;
using FleetOps.Probing.Tests.Probes.Servers;
using FleetOps.Probing.Tests.Support;

namespace FleetOps.Probing.Tests.Probes;

/// <summary>The dns check kind against a tiny DNS server on a loopback UDP port.</summary>
public sealed class DnsCheckTests : IAsyncLifetime
{
    private readonly TinyDnsServer _dns = new TinyDnsServer()
        .Address("www.test", "10.0.0.1").Address("www.test", "10.0.0.2").Address("www.test", "fd00::1")
        .Cname("alias.test", "www.test")
        .Txt("txt.test", "v=spf1 include:_spf.test ", "-all")
        .Mx("mail.test", 10, "mx1.test")
        .Rcode("broken.test", TinyDnsServer.ServFail)
        .Rcode("refusing.test", TinyDnsServer.Refused);
    private readonly FleetProber _prober = new(ProbeFixtures.LoopbackOnly());
    private readonly DnsProbe _probe = new(ProbeKit.Connector());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _prober.Dispose();
        await _dns.DisposeAsync();
    }

    private DnsCheck Dns(string? name, string? type = null) => new() { Name = name, RecordType = type, Resolver = _dns.Resolver };

    [Fact]
    public async Task A_records_are_answers_with_noerror()
    {
        var outcome = await _probe.AttemptAsync("node", Dns("www.test"));

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal("NOERROR", outcome.Facts.DnsRcode);
        Assert.Equal(["10.0.0.1", "10.0.0.2"], outcome.Facts.DnsAnswers!);
        Assert.Equal("127.0.0.1", outcome.Facts.Ip);
        Assert.True(outcome.Facts.ResponseTimeMs > 0);
    }

    [Fact]
    public async Task Name_defaults_to_the_target_host()
    {
        var result = await _prober.CheckAsync(ProbeKit.Task("www.test:8080", Dns(null)));

        Assert.True(result.Ok, result.Error?.Message);
        Assert.Equal("dns:A", result.Check);
    }

    [Theory]
    [InlineData("www.test", "AAAA", "fd00::1")]
    [InlineData("www.test", "aaaa", "fd00::1")]
    [InlineData("alias.test", "CNAME", "www.test")]
    [InlineData("txt.test", "TXT", "v=spf1 include:_spf.test -all")]
    [InlineData("mail.test", "MX", "10 mx1.test")]
    public async Task Each_record_type_reads_as_text(string name, string type, string answer)
    {
        var outcome = await _probe.AttemptAsync("node", Dns(name, type));

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal([answer], outcome.Facts.DnsAnswers!);
    }

    [Fact]
    public async Task Answers_are_of_the_asked_type_only()
    {
        // The resolver sends the CNAME it followed, then the A records: only the latter are A answers.
        var outcome = await _probe.AttemptAsync("node", Dns("alias.test"));

        Assert.True(outcome.Ok, outcome.Error?.Message);
        Assert.Equal(["10.0.0.1", "10.0.0.2"], outcome.Facts.DnsAnswers!);
    }

    [Fact]
    public async Task Nxdomain_is_a_permanent_dns_error()
    {
        var result = await _prober.CheckAsync(ProbeKit.Task("node", Dns("missing.test")), ProbeFixtures.Options(attempts: 3));
        var outcome = await _probe.AttemptAsync("node", Dns("missing.test"));

        Assert.Equal(ErrorKind.Dns, result.Error?.Kind);
        Assert.False(result.Error!.Transient);
        Assert.Equal(1, result.Attempts);
        Assert.Contains("NXDOMAIN", result.Error.Message);
        Assert.Contains("missing.test", result.Error.Message);
        Assert.Equal("NXDOMAIN", outcome.Facts.DnsRcode);
        Assert.Empty(outcome.Facts.DnsAnswers!);
        Assert.Equal(2, _dns.Queries);
    }

    [Fact]
    public async Task Servfail_is_retried()
    {
        var result = await _prober.CheckAsync(ProbeKit.Task("node", Dns("broken.test")), ProbeFixtures.Options(attempts: 3));

        Assert.Equal(ErrorKind.Dns, result.Error?.Kind);
        Assert.True(result.Error!.Transient);
        Assert.Contains("SERVFAIL", result.Error.Message);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(3, _dns.Queries);
    }

    [Fact]
    public async Task Refused_rcode_is_a_fact_and_a_permanent_error()
    {
        var outcome = await _probe.AttemptAsync("node", Dns("refusing.test"));

        Assert.Equal("REFUSED", outcome.Facts.DnsRcode);
        Assert.Equal(ErrorKind.Dns, outcome.Error?.Kind);
        Assert.False(outcome.Error!.Transient);
    }

    [Fact]
    public async Task Noerror_without_answers_of_the_type_fails()
    {
        var outcome = await _probe.AttemptAsync("node", Dns("txt.test", "A"));

        Assert.Equal("NOERROR", outcome.Facts.DnsRcode);
        Assert.Equal(ErrorKind.Dns, outcome.Error?.Kind);
        Assert.Contains("no A records", outcome.Error!.Message);
    }

    [Fact]
    public async Task Resolver_outside_the_policy_is_denied_and_gets_no_query()
    {
        await using var second = new TinyDnsServer(IPAddress.Parse("127.0.0.2")).Address("www.test", "10.0.0.1");
        using var prober = new FleetProber(new TargetPolicy(deny: ["127.0.0.2/32"]));
        var check = new DnsCheck { Name = "www.test", Resolver = second.Resolver };

        var result = await prober.CheckAsync(ProbeKit.Task("node", check), ProbeFixtures.Options(attempts: 3));

        Assert.Equal(ErrorKind.Denied, result.Error?.Kind);
        Assert.Contains("127.0.0.2", result.Error!.Message);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(0, second.Queries);
    }

    [Fact]
    public async Task Metadata_address_as_resolver_is_denied_by_default()
    {
        using var prober = new FleetProber(TargetPolicy.Default);

        var result = await prober.CheckAsync(ProbeKit.Task("node", new DnsCheck { Name = "www.test", Resolver = "169.254.169.254:53" }));

        Assert.Equal(ErrorKind.Denied, result.Error?.Kind);
    }

    [Fact]
    public async Task Silent_resolver_times_out()
    {
        _dns.Silent = true;
        var clock = Stopwatch.StartNew();

        var result = await _prober.CheckAsync(ProbeKit.Task("node", Dns("www.test") with { TimeoutMs = 300 }), ProbeFixtures.Options(timeoutMs: 30_000));

        Assert.Equal(ErrorKind.Timeout, result.Error?.Kind);
        Assert.True(result.Error!.Transient);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Options_timeout_ends_a_silent_query_when_the_check_has_none()
    {
        _dns.Silent = true;
        var clock = Stopwatch.StartNew();

        var result = await _prober.CheckAsync(ProbeKit.Task("node", Dns("www.test")), ProbeFixtures.Options(timeoutMs: 300));

        Assert.Equal(ErrorKind.Timeout, result.Error?.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Many_concurrent_queries_to_one_resolver()
    {
        var tasks = Enumerable.Range(0, 50).Select(i => ProbeKit.Task("node", Dns(i % 2 == 0 ? "www.test" : "alias.test"), $"n{i}")).ToList();

        var results = await _prober.ProbeAsync(tasks, ProbeFixtures.Options(concurrency: 16), CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Ok, r.Error?.Message));
        Assert.Equal(50, _dns.Queries);
    }
}
