using FleetOps.Core.Notifiers;

namespace FleetOps.Core.Tests.Notifiers;

/// <summary>
/// What a notifier's PUT can refuse before any delivery: an address literal in any spelling the URL parser reads, and
/// metadata names, judged as the delivery's connect would judge them; names otherwise wait for resolution.
/// </summary>
public sealed class NotifierDestinationTests
{
    private static readonly NotifierPolicy Everything = new(new NotifierOptions { Allow = ["0.0.0.0/0", "::/0", "hooks.example.com"] });
    private static readonly NotifierPolicy Open = new(new NotifierOptions());

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://169.254.169.254:80/")]
    [InlineData("http://2852039166/")]
    [InlineData("http://0xa9.0xfe.0xa9.0xfe/")]
    [InlineData("http://0251.0376.0251.0376/")]
    [InlineData("http://169.254.43518/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://[::ffff:a9fe:a9fe]/")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/")]
    [InlineData("http://[2002:a9fe:a9fe::1]/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://100.100.100.200/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://0.0.0.0:9093/")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("http://METADATA.azure.internal./")]
    [InlineData("https://instance-data/")]
    public void Link_local_metadata_and_this_host_are_refused_whatever_the_allow_list(string url)
    {
        Assert.NotNull(Everything.CheckDestination(new Uri(url)));
        Assert.NotNull(Open.CheckDestination(new Uri(url)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9093/")]
    [InlineData("http://[::1]:9093/")]
    [InlineData("https://hooks.example.com/x")]
    [InlineData("https://any.name.example/x")] // judged when it resolves
    public void Other_destinations_pass_when_the_allow_list_takes_them(string url) => Assert.Null(Everything.CheckDestination(new Uri(url)));

    [Fact]
    public void An_allow_list_refuses_addresses_and_names_outside_it()
    {
        var policy = new NotifierPolicy(new NotifierOptions { Allow = ["hooks.slack.com", "*.pagerduty.com"] });
        Assert.Contains("not in FleetOps:Notifiers:Allow", policy.CheckDestination(new Uri("https://hooks.example.com/x")));
        Assert.NotNull(policy.CheckDestination(new Uri("http://10.0.0.1/")));
        Assert.Null(policy.CheckDestination(new Uri("https://events.pagerduty.com/v2/enqueue")));
    }

    [Fact]
    public void A_definition_is_judged_by_its_inline_url_or_pagerdutys_default_and_the_reason_never_quotes_the_url()
    {
        var slackOnly = new NotifierPolicy(new NotifierOptions { Allow = ["hooks.slack.com"] });
        var secretPath = new NotifierDefinition { Kind = "slack", Url = SecretText.Inline("http://169.254.169.254/services/T0/B0/SECRETPATH") };
        var denied = Open.CheckDefinition(secretPath);
        Assert.Contains("169.254.0.0/16", denied);
        Assert.DoesNotContain("SECRETPATH", denied);

        Assert.Contains("events.pagerduty.com", slackOnly.CheckDefinition(new NotifierDefinition { Kind = "pagerduty", RoutingKey = SecretText.Inline("k") }));
        Assert.Null(slackOnly.CheckDefinition(new NotifierDefinition { Kind = "slack", Url = SecretText.Setting("SLACK_URL") })); // read and judged at send time
        Assert.Null(slackOnly.CheckDefinition(new NotifierDefinition { Kind = "slack", Url = SecretText.Inline("https://hooks.slack.com/services/T0/B0/X") }));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(4, 80)]
    [InlineData(6, 300)]
    [InlineData(60, 300)]
    public void Retries_wait_twice_as_long_each_time_up_to_the_maximum(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new NotifierOptions().RetryDelayAfter(attempt));
}
