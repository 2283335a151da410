using FleetOps.Testing;
using FleetOps.Workflows.Hosting;

namespace FleetOps.Host.Tests;

public sealed class HostJsonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hostjson").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private HostJson Load(string json)
    {
        var path = Path.Combine(_dir, "host.json");
        File.WriteAllText(path, json);
        return HostJson.Load(path);
    }

    [Fact]
    public void The_repository_host_json_gives_both_hosts_short_visibility_timeouts_and_functions_queue_semantics()
    {
        var hostJson = HostJson.Load(Path.Combine(RepoPaths.Root, "host.json"));
        Assert.Equal("FleetOps", hostJson.Engine.HubName);
        Assert.Equal(TimeSpan.FromSeconds(8), hostJson.Engine.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(6), hostJson.Engine.ControlQueueVisibilityTimeout);
        // DurableTask.Core renews a running activity's message every 5 s: a shorter timeout would hand it to a second worker.
        Assert.True(hostJson.Engine.WorkItemQueueVisibilityTimeout >= TimeSpan.FromSeconds(5) + TimeSpan.FromSeconds(3));
        Assert.Equal(5, hostJson.Queues.MaxDequeueCount);
        Assert.Equal("base64", hostJson.Queues.MessageEncoding);
    }

    [Fact]
    public void Missing_sections_take_the_functions_host_defaults()
    {
        var hostJson = Load("""{"version":"2.0"}""");
        Assert.Equal(16, hostJson.Queues.BatchSize);
        Assert.Equal(8, hostJson.Queues.NewBatchThreshold);
        Assert.Equal(TimeSpan.FromMinutes(1), hostJson.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, hostJson.Queues.VisibilityTimeout);
        Assert.Equal(5, hostJson.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromMinutes(5), hostJson.Engine.WorkItemQueueVisibilityTimeout);
    }

    [Fact]
    public void Durations_may_be_timespans_or_iso_8601_and_batch_size_is_capped_at_32()
    {
        var hostJson = Load("""
            { // comments are allowed, as in the Functions host
              "extensions": { "queues": { "batchSize": 64, "maxPollingInterval": "PT2S", "visibilityTimeout": "00:00:10" },
                              "durableTask": { "hubName": "Other", "storageProvider": { "workItemQueueVisibilityTimeout": "PT45S" } } }
            }
            """);
        Assert.Equal(32, hostJson.Queues.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(2), hostJson.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), hostJson.Queues.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), hostJson.Engine.WorkItemQueueVisibilityTimeout);
        Assert.Equal("Other", hostJson.Engine.HubName);
    }

    [Fact]
    public void A_bad_duration_names_the_setting()
    {
        var e = Assert.Throws<FormatException>(() => Load("""{"extensions":{"queues":{"maxPollingInterval":"soon"}}}"""));
        Assert.Contains("maxPollingInterval", e.Message);
    }

    [Fact]
    public void A_missing_file_says_where_it_looked()
    {
        var e = Assert.Throws<FileNotFoundException>(() => HostJson.Load(Path.Combine(_dir, "nope.json")));
        Assert.Contains("nope.json", e.Message);
    }
}
