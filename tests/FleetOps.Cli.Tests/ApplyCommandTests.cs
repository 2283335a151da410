namespace FleetOps.Cli.Tests;

/// <summary><c>fleetops apply</c> on files that must not reach a server: everything is checked before anything is sent.</summary>
public sealed class ApplyCommandTests
{
    /// <summary>Nothing listens on port 9: a command that tried to send would exit 4 (unreachable), not 2.</summary>
    private const string NoServer = "http://127.0.0.1:9";

    private static async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("apply").FullName, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    [Fact]
    public async Task A_bad_item_is_one_line_naming_the_file_the_item_and_the_field_and_nothing_is_sent()
    {
        var path = await WriteAsync("bad.yaml", """
            notifiers:
              ops: { kind: webhook, url: http://127.0.0.1:9/hook }
            monitors:
              edge: { targets: [ { name: a, address: "127.0.0.1:1" } ], checks: [ { kind: tcp } ], interval: soon }
            """);
        var result = await Cli.RunAsync("apply", "-f", path, "--server", NoServer);
        Assert.True(result.Exit == 2, result.ToString());
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("fleetops: bad.yaml: monitor 'edge': interval: ", lines[0]);
        Assert.Equal("fleetops: bad.yaml: nothing was applied", lines[^1]);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_file_that_is_not_yaml_is_a_usage_error_with_its_line()
    {
        var path = await WriteAsync("broken.yaml", "monitors:\n  a: { interval: 30s\n  b: [\n");
        var result = await Cli.RunAsync("apply", "-f", path, "--server", NoServer);
        Assert.True(result.Exit == 2, result.ToString());
        Assert.Contains("fleetops: broken.yaml: line ", result.Err);
    }

    [Fact]
    public async Task Apply_requires_a_file_that_exists()
    {
        Assert.Contains(Cli.Errors("apply"), e => e.Contains("--file", StringComparison.Ordinal));
        Assert.NotEmpty(Cli.Errors("apply -f /no/such/monitors.yaml"));
    }
}
