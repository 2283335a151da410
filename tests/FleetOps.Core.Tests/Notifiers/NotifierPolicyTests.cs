using System.Net;
using FleetOps.Core.Notifiers;

namespace FleetOps.Core.Tests.Notifiers;

public sealed class NotifierPolicyTests
{
    [Fact]
    public void Without_an_allow_list_anything_not_denied_is_reached()
    {
        var policy = new NotifierPolicy(new NotifierOptions());
        Assert.Null(policy.PolicyFor("hooks.slack.com", out _)!.CheckAddress(IPAddress.Parse("203.0.113.7")));
        Assert.NotNull(policy.PolicyFor("x.example", out _)!.CheckAddress(IPAddress.Parse("169.254.169.254")));
        Assert.Null(policy.PolicyFor("metadata.google.internal", out var denial));
        Assert.Contains("denied by policy", denial, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_names_match_exactly_or_under_a_wildcard_suffix()
    {
        var policy = new NotifierPolicy(new NotifierOptions { Allow = ["hooks.slack.com", "*.pagerduty.com"] });
        Assert.NotNull(policy.PolicyFor("HOOKS.slack.com.", out _));
        Assert.NotNull(policy.PolicyFor("events.pagerduty.com", out _));
        Assert.NotNull(policy.PolicyFor("events.eu.pagerduty.com", out _));
        Assert.Null(policy.PolicyFor("pagerduty.com", out _));
        Assert.Null(policy.PolicyFor("evilpagerduty.com", out _));
        Assert.Null(policy.PolicyFor("slack.com", out var denial));
        Assert.Equal("notifier destination 'slack.com' is not in FleetOps:Notifiers:Allow", denial);
    }

    [Fact]
    public void An_allowed_name_still_cannot_resolve_into_a_denied_network()
    {
        var policy = new NotifierPolicy(new NotifierOptions { Allow = ["hooks.example.com"], Deny = ["10.0.0.0/8"] });
        var target = policy.PolicyFor("hooks.example.com", out _)!;
        Assert.NotNull(target.CheckAddress(IPAddress.Parse("10.1.2.3")));
        Assert.NotNull(target.CheckAddress(IPAddress.Parse("169.254.169.254")));
        Assert.Null(target.CheckAddress(IPAddress.Parse("203.0.113.7")));
    }

    [Fact]
    public void Other_names_must_resolve_into_an_allowed_network()
    {
        var policy = new NotifierPolicy(new NotifierOptions { Allow = ["hooks.example.com", "10.0.0.0/8", "192.0.2.1"] });
        var target = policy.PolicyFor("alertmanager.internal", out _)!;
        Assert.Null(target.CheckAddress(IPAddress.Parse("10.9.9.9")));
        Assert.Null(target.CheckAddress(IPAddress.Parse("192.0.2.1")));
        Assert.NotNull(target.CheckAddress(IPAddress.Parse("203.0.113.7")));
    }

    [Theory]
    [InlineData("not a host")]
    [InlineData("*.")]
    [InlineData("10.0.0.0/99")]
    public void A_bad_entry_is_refused_naming_it(string entry)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new NotifierPolicy(new NotifierOptions { Allow = [entry] }));
        Assert.Contains(entry, e.Message, StringComparison.Ordinal);
    }
}
