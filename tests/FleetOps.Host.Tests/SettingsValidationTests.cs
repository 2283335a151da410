using FleetOps.Testing;

namespace FleetOps.Host.Tests;

/// <summary>
/// Every bad setting stops the real host process before it starts anything, with ONE line naming the setting and
/// exit code 1 (no stack trace). Nothing listens on the storage endpoints: validation must come before any I/O.
/// </summary>
public sealed class SettingsValidationTests
{
    private const string NoSuchAzurite =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";

    [Theory]
    [InlineData("AzureWebJobsStorage", "this is not a connection string", "AzureWebJobsStorage")]
    [InlineData("AzureWebJobsStorage", "AccountName=devstoreaccount1;AccountKey=not*base64;BlobEndpoint=http://127.0.0.1:9/a", "AzureWebJobsStorage")]
    [InlineData("AzureWebJobsStorage", "AccountName=x;Colour=blue", "AzureWebJobsStorage")]
    [InlineData("AzureWebJobsStorage", "BlobEndpoint=ftp://127.0.0.1:9/a;AccountName=devstoreaccount1", "AzureWebJobsStorage (BlobEndpoint)")]
    [InlineData("FleetOps__Engine__LeaseInterval", "-00:00:05", "FleetOps:Engine:LeaseInterval")]
    [InlineData("FleetOps__Engine__LeaseInterval", "soon", "FleetOps:Engine:LeaseInterval")]
    [InlineData("FleetOps__Engine__LeaseAcquireInterval", "00:01:00", "FleetOps:Engine:LeaseAcquireInterval")]
    [InlineData("FleetOps__Engine__PartitionCount", "0", "FleetOps:Engine:PartitionCount")]
    [InlineData("FleetOps__Engine__HubName", "no-dashes", "FleetOps:Engine:HubName")]
    [InlineData("FleetOps__Policy__Allow__0", "10.0.0.0/99", "FleetOps:Policy:Allow:0")]
    [InlineData("FleetOps__Policy__Deny__0", "not-a-network", "FleetOps:Policy:Deny:0")]
    [InlineData("FleetOps__Watchdog__StallAfter", "-00:01:00", "FleetOps:Watchdog:StallAfter")]
    [InlineData("FleetOps__Watchdog__CheckInterval", "00:10:00", "FleetOps:Watchdog:CheckInterval")]
    [InlineData("FleetOps__ShutdownTimeout", "00:00:00", "FleetOps:ShutdownTimeout")]
    [InlineData("FleetOps__Limits__MaxProbesPerRun", "-1", "FleetOps:Limits:MaxProbesPerRun")]
    [InlineData("FleetOps__Limits__MaxTargetsPerRun", "1000001", "FleetOps:Limits:MaxTargetsPerRun")]
    [InlineData("FleetOps__HostJson", "/nonexistent/host.json", "FleetOps:HostJson")]
    [InlineData("FleetOps__Notifiers__Allow__0", "not a host", "FleetOps:Notifiers:Allow:0")]
    [InlineData("FleetOps__Notifiers__Deny__0", "hooks.slack.com", "FleetOps:Notifiers:Deny:0")]
    [InlineData("FleetOps__Notifiers__RetryDelay", "-00:00:01", "FleetOps:Notifiers:RetryDelay")]
    [InlineData("FleetOps__Notifiers__MaxAttempts", "0", "FleetOps:Notifiers:MaxAttempts")]
    public async Task A_bad_setting_stops_the_host_with_one_line_naming_it_and_exit_code_1(string variable, string value, string named)
    {
        var environment = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = NoSuchAzurite,
            ["urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
            ["DOTNET_gcServer"] = "0",
            [variable] = value,
        };
        var (exitCode, lines) = await HostProcess.RunToExitAsync(environment, TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{string.Join('\n', lines)}");
        var line = Assert.Single(lines);
        Assert.StartsWith("fleetops-host: invalid setting ", line);
        Assert.Contains(named + ":", line);
        if (variable == "AzureWebJobsStorage") Assert.DoesNotContain("Eby8vd", line);
    }

    [Fact]
    public async Task A_host_json_with_a_bad_value_names_the_file_and_the_value()
    {
        var path = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "extensions": { "queues": { "maxDequeueCount": 0, "visibilityTimeout": "-00:00:01" } } }""");
        try
        {
            var (exitCode, lines) = await HostProcess.RunToExitAsync(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = NoSuchAzurite,
                ["urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
                ["FleetOps__HostJson"] = path,
            }, TimeSpan.FromSeconds(60));
            Assert.Equal(1, exitCode);
            var line = Assert.Single(lines);
            Assert.Contains("FleetOps:HostJson: " + path, line);
            Assert.Contains("extensions.queues.maxDequeueCount", line);
            Assert.Contains("extensions.queues.visibilityTimeout", line);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
