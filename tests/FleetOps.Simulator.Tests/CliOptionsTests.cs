using FleetOps.Simulator.Cli;

namespace FleetOps.Simulator.Tests;

public sealed class CliOptionsTests
{
    [Fact]
    public void Parses_the_documented_options()
    {
        var options = CliOptions.Parse(
            ["--nodes", "500", "--down", "0.05", "--slow", "0.1", "--wrong-status", "0.05", "--hang", "0.02",
             "--blackhole", "0.01", "--slow-delay-ms", "250", "--wrong-status-code", "500", "--prefix", "web-",
             "--targets-out", "t.json"]);

        Assert.False(options.ShowHelp);
        Assert.Equal("t.json", options.Outputs.TargetsOut);
        Assert.Equal(new FleetSpec
        {
            Nodes = 500, Down = 0.05, Slow = 0.1, WrongStatus = 0.05, Hang = 0.02, Blackhole = 0.01,
            SlowDelay = TimeSpan.FromMilliseconds(250), WrongStatusCode = 500, NamePrefix = "web-",
        }, options.Spec);
    }

    [Fact]
    public void No_arguments_give_the_default_fleet()
    {
        var options = CliOptions.Parse([]);

        Assert.Equal(new FleetSpec(), options.Spec);
        Assert.Equal(new CliOutputs(), options.Outputs);
    }

    [Theory]
    [InlineData("--nodes", "many")]
    [InlineData("--down", "1.5")]
    [InlineData("--frobnicate", "1")]
    [InlineData("--nodes")]
    public void Bad_arguments_are_format_errors(params string[] args) =>
        Assert.Throws<FormatException>(() => CliOptions.Parse(args));

    [Fact]
    public void Help_wins() => Assert.True(CliOptions.Parse(["--nodes", "3", "--help"]).ShowHelp);
}
