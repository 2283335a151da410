using System.Runtime.CompilerServices;

namespace FleetOps.Cli.Tests;

/// <summary>
/// The help of the key commands, as a pipe sees it (100 columns), held to the files in Snapshots/. A change to a
/// command's shape shows up here as a diff to review; FLEETOPS_UPDATE_SNAPSHOTS=1 rewrites the files instead.
/// </summary>
public sealed class HelpSnapshotTests
{
    [Theory]
    [InlineData("root")]
    [InlineData("demo")]
    [InlineData("sweep")]
    [InlineData("rollout")]
    [InlineData("run")]
    [InlineData("runs")]
    [InlineData("watch")]
    [InlineData("inventories")]
    [InlineData("inventories put")]
    [InlineData("bench")]
    [InlineData("completions")]
    [InlineData("apply")]
    [InlineData("monitors")]
    public async Task Help_matches_its_snapshot(string command)
    {
        var args = command == "root" ? ["--help"] : command.Split(' ').Append("--help").ToArray();
        var result = await Cli.RunAsync(args);
        Assert.True(result.Exit == 0, result.ToString());
        var path = Path.Combine(SnapshotFolder(), command.Replace(' ', '-') + ".txt");
        var actual = result.Out.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("FLEETOPS_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no snapshot {path}: run with FLEETOPS_UPDATE_SNAPSHOTS=1 to write it");
        Assert.Equal(await File.ReadAllTextAsync(path), actual);
    }

    [Fact]
    public async Task Every_commands_help_lists_the_exit_codes()
    {
        foreach (var command in new[] { "demo", "sweep", "rollout", "run", "runs", "watch", "inventories get", "bench", "completions", "apply", "monitors" })
        {
            var result = await Cli.RunAsync([.. command.Split(' '), "--help"]);
            Assert.Contains("Exit codes:\n  0    ok", result.Out.Replace("\r\n", "\n", StringComparison.Ordinal));
            Assert.Contains("  3    the server refused the request", result.Out);
            Assert.Contains("  4    the server could not be reached", result.Out);
        }
    }

    private static string SnapshotFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Snapshots");
}
