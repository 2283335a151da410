using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// The self-host environment plus a notification receiver, shared by the notifier and alert-delivery test classes
/// (a collection: they run one after another on the same host, whose whole output the secrets test reads).
/// Secrets given by setting are distinctive strings, so a test can look for them in responses and logs.
/// </summary>
public sealed class AlertHostEnvironment : SelfHostEnvironment
{
    public const string HookKey = "ENV-HOOK-KEY-7f3a9c1e5b2d";
    public const string PagerDutyKey = "ENVPDROUTINGKEY4c8e2a";
    public const string TeamsSecretPath = "/teams/ENVTEAMSSECRET91b7";
    public const int MaxAttempts = 3;

    public NotificationReceiver Receiver { get; private set; } = null!;

    protected override IDictionary<string, string?> HostEnvironment => new Dictionary<string, string?>
    {
        ["FleetOps__Notifiers__RetryDelay"] = "00:00:00.200",
        ["FleetOps__Notifiers__MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Every address: link-local and metadata stay denied all the same.
        ["FleetOps__Notifiers__Allow__0"] = "0.0.0.0/0",
        ["FleetOps__Notifiers__Allow__1"] = "::/0",
        ["HOOK_KEY"] = HookKey,
        ["PD_ROUTING_KEY"] = PagerDutyKey,
        ["TEAMS_URL"] = Receiver.BaseUrl + TeamsSecretPath,
        ["METADATA_URL"] = "http://169.254.169.254/latest/meta-data/",
    };

    public override async Task InitializeAsync()
    {
        Receiver = await NotificationReceiver.StartAsync(); // before the host: a setting names its address
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Receiver is not null) await Receiver.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AlertHostCollection : ICollectionFixture<AlertHostEnvironment>
{
    public const string Name = "alert host";
}
