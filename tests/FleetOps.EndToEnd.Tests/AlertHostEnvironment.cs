using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// One Azurite, one self-host and one notification receiver shared by the notifier and alert-delivery test classes
/// (a collection: they run one after another on the same host, whose whole output the secrets test reads).
/// Secrets given by setting are distinctive strings, so a test can look for them in responses and logs.
/// </summary>
public sealed class AlertHostEnvironment : IAsyncLifetime
{
    public const string HookKey = "ENV-HOOK-KEY-7f3a9c1e5b2d";
    public const string PagerDutyKey = "ENVPDROUTINGKEY4c8e2a";
    public const string TeamsSecretPath = "/teams/ENVTEAMSSECRET91b7";
    public const int MaxAttempts = 3;

    public Azurite Storage { get; private set; } = null!;
    public HostProcess Host { get; private set; } = null!;
    public RunsClient Api { get; private set; } = null!;
    public NotificationReceiver Receiver { get; private set; } = null!;
    public string HubName { get; } = "alerts" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        Receiver = await NotificationReceiver.StartAsync();
        Storage = await Azurite.StartAsync();
        Host = await HostProcess.StartAsync(Storage.ConnectionString, HubName, extraEnvironment: new Dictionary<string, string?>
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
        });
        Api = new RunsClient(Host.CreateClient());
    }

    public async Task DisposeAsync()
    {
        Api?.Http.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        if (Storage is not null) await Storage.DisposeAsync();
        if (Receiver is not null) await Receiver.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AlertHostCollection : ICollectionFixture<AlertHostEnvironment>
{
    public const string Name = "alert host";
}
