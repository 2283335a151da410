using FleetOps.Cli.Commands;

namespace FleetOps.Cli.Tests;

public sealed class ArgsTests
{
    [Fact]
    public void Options_take_values_in_both_forms_and_positionals_stay_in_order()
    {
        var args = new Args(["a.json", "--server", "http://x", "--check=tcp", "--check", "http:/health", "b"], new HashSet<string>());
        Assert.Equal(["a.json", "b"], args.Positional);
        Assert.Equal("http://x", args.Get("server"));
        Assert.Equal(["tcp", "http:/health"], args.GetAll("check"));
        args.EnsureAllUsed();
    }

    [Fact]
    public void A_misspelt_option_is_an_error_not_ignored()
    {
        var args = new Args(["--sever", "http://x"], new HashSet<string>());
        Assert.Null(args.Get("server"));
        var e = Assert.Throws<FormatException>(args.EnsureAllUsed);
        Assert.Contains("--sever", e.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5001")]
    [InlineData("many")]
    public void Numbers_out_of_range_name_the_option(string value)
    {
        var e = Assert.Throws<FormatException>(() => new Args(["--nodes", value], new HashSet<string>()).GetInt("nodes", 200, 1, 5000));
        Assert.Contains("--nodes", e.Message);
    }

    [Fact]
    public void An_option_without_its_value_is_an_error()
    {
        Assert.Throws<FormatException>(() => new Args(["--server"], new HashSet<string>()));
    }
}
