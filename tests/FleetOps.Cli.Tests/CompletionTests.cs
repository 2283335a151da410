using FleetOps.Cli.Commands;

namespace FleetOps.Cli.Tests;

/// <summary>What the shell scripts get back from `fleetops [suggest:N] "LINE"`: commands, options and the values each option takes.</summary>
public sealed class CompletionTests
{
    private static async Task<string[]> SuggestAsync(string line)
    {
        var result = await Cli.RunAsync($"[suggest:{line.Length}]", line);
        Assert.True(result.Exit == 0, result.ToString());
        return result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Fact]
    public async Task Commands_complete_from_their_first_letters()
    {
        Assert.Equal(["run", "runs"], (await SuggestAsync("fleetops ru")).Where(s => !s.StartsWith('-')).Order(StringComparer.Ordinal));
        Assert.Equal(["rollout"], (await SuggestAsync("fleetops rol")).Where(s => !s.StartsWith('-')));
        Assert.Contains("inventories", await SuggestAsync("fleetops "));
    }

    [Fact]
    public async Task Run_actions_complete_after_the_id()
    {
        var suggestions = await SuggestAsync("fleetops run my-run ");
        foreach (var action in RunCommand.Actions) Assert.Contains(action, suggestions);
    }

    [Theory]
    [InlineData("fleetops runs --status ", "Running", "Completed", "Failed")]
    [InlineData("fleetops runs --kind ", "sweep", "rollout")]
    [InlineData("fleetops inventories put prod hosts.ini --format ", "ansible-ini", "file-sd", "native")]
    [InlineData("fleetops run x retune --on-exceeded ", "halt", "rollback")]
    [InlineData("fleetops completions ", "bash", "zsh", "pwsh")]
    [InlineData("fleetops demo --n", "--nodes")]
    public async Task Option_values_complete_from_what_the_option_accepts(string line, params string[] expected)
    {
        var suggestions = await SuggestAsync(line);
        foreach (var value in expected) Assert.Contains(value, suggestions);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _fleetops_complete fleetops")]
    [InlineData("zsh", "compdef _fleetops_complete fleetops")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName fleetops")]
    public async Task Each_shell_gets_a_script_that_asks_fleetops_through_the_suggest_directive(string shell, string registration)
    {
        var result = await Cli.RunAsync("completions", shell);
        Assert.True(result.Exit == 0, result.ToString());
        Assert.Contains("fleetops \"[suggest:", result.Out);
        Assert.Contains(registration, result.Out);
    }
}
