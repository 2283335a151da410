using System.Text.Json;
using Azure.Storage.Queues;
using FleetOps.Core;
using FleetOps.Core.Monitors;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Results;
using FleetOps.Testing;
using FleetOps.Workflows.Alerts;
using FleetOps.Workflows.Notifiers;
using FleetOps.Workflows.Queue;
using FleetOps.Workflows.Storage;
using FleetOps.Workflows.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FleetOps.Workflows.Tests.Alerts;

/// <summary>
/// The delivery services both hosts register (AddFleetOpsWorkflows), on a private Azurite with a clock the test
/// moves, and a receiver on loopback: the queue handler is called as a queue trigger would call it.
/// </summary>
public sealed class DeliveryKit : IAsyncLifetime
{
    public const string SigningKey = "0123456789abcdef-delivery-test";
    public const int MaxAttempts = 3;

    public Azurite Azurite { get; private set; } = null!;
    public NotificationReceiver Receiver { get; private set; } = null!;
    public ServiceProvider Services { get; private set; } = null!;
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public AlertQueueHandler Handler => Services.GetRequiredService<AlertQueueHandler>();
    public NotifierStore Notifiers => Services.GetRequiredService<NotifierStore>();
    public DeliveryRecords Records => Services.GetRequiredService<DeliveryRecords>();
    public StorageClients Storage => Services.GetRequiredService<StorageClients>();

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Receiver = await NotificationReceiver.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["FleetOps:Notifiers:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FleetOps:Notifiers:RetryDelay"] = "00:00:00.200",
            ["FleetOps:Notifiers:TimeoutMs"] = "2000",
            // What fromSetting secrets read; the metadata one is allowed by nothing, whatever the allow list says.
            ["HOOK_KEY"] = SigningKey,
            ["METADATA_URL"] = "http://169.254.169.254/latest/meta-data/",
            ["FleetOps:Notifiers:Allow:0"] = "0.0.0.0/0",
            ["FleetOps:Notifiers:Allow:1"] = "::/0",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddFilter(level => level >= LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddFleetOpsWorkflows(configuration);
        Services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Receiver.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>A webhook notifier to the receiver under a new name, signed with <see cref="SigningKey"/> read from a setting.</summary>
    public async Task<string> WebhookAsync(string path = "/hook", SecretText? url = null)
    {
        var name = "hook-" + Guid.NewGuid().ToString("N")[..8];
        await Notifiers.PutAsync(name, new NotifierDefinition
        {
            Kind = "webhook", Url = url ?? SecretText.Inline(Receiver.BaseUrl + path + "/" + name), SigningKey = SecretText.Setting("HOOK_KEY"),
        }, CancellationToken.None);
        return name;
    }

    public static MonitorAlert Down(string? monitor = null) => new()
    {
        Id = AlertIds.ForChange(monitor ?? "edge", "gw-1", Random.Shared.NextInt64(1, long.MaxValue), MonitorState.Down),
        Monitor = monitor ?? "edge", Target = "gw-1", Address = "10.0.0.1:22", Kind = AlertKind.Down, State = MonitorState.Down, Previous = MonitorState.Up,
        Since = DateTimeOffset.UtcNow, Cycle = 4, PlannedCycle = 4, PlannedAt = DateTimeOffset.UtcNow, FailingCheck = "tcp:22",
        ErrorKind = ErrorKind.Refused, Error = "connection refused", IncidentKey = AlertIds.IncidentKey(monitor ?? "edge", "gw-1"),
    };

    /// <summary>One delivery of <paramref name="message"/> (its JSON as the queue holds it), as a queue trigger makes it.</summary>
    public Task<QueueOutcome> DeliverAsync(AlertMessage message, long dequeueCount = 1) =>
        DeliverAsync(JsonSerializer.Serialize(message, FleetOpsJson.Options), dequeueCount);

    public Task<QueueOutcome> DeliverAsync(string body, long dequeueCount = 1) =>
        Handler.HandleAsync(new QueueDelivery(AlertQueueHandler.QueueName, Guid.NewGuid().ToString(), body, dequeueCount, 5), CancellationToken.None);

    private QueueClient Queue(string name) => Storage.Queues.GetQueueClient(name);

    /// <summary>The retry the handler enqueued for <paramref name="alertId"/> (waits until it is visible), taken off the queue.</summary>
    public async Task<AlertMessage> TakeRetryAsync(string alertId, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            AlertMessage? found = null;
            foreach (var m in (await Queue(AlertQueueHandler.QueueName).ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value)
            {
                var message = JsonSerializer.Deserialize<AlertMessage>(m.Body.ToString(), FleetOpsJson.Options)!;
                if (found is null && message.Id == alertId)
                {
                    await Queue(AlertQueueHandler.QueueName).DeleteMessageAsync(m.MessageId, m.PopReceipt);
                    found = message;
                }
                else
                {
                    await Queue(AlertQueueHandler.QueueName).UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                }
            }
            if (found is not null) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no retry of alert {alertId} on {AlertQueueHandler.QueueName} within {seconds} s");
    }

    /// <summary>The poison record whose original message mentions <paramref name="alertIdOrText"/> (or is it, when <paramref name="exact"/>).</summary>
    public async Task<PoisonMessage> PoisonedAsync(string alertIdOrText, bool exact = false)
    {
        var queue = Queue(AlertQueueHandler.QueueName + "-poison");
        foreach (var m in (await queue.PeekMessagesAsync(32)).Value)
        {
            var record = JsonSerializer.Deserialize<PoisonMessage>(m.Body.ToString(), FleetOpsJson.Options)!;
            if (exact ? record.Message == alertIdOrText : record.Message?.Contains(alertIdOrText, StringComparison.Ordinal) == true) return record;
        }
        throw new Xunit.Sdk.XunitException($"no poison record for {alertIdOrText}");
    }
}
