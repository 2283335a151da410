using System.CommandLine;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops completions bash|zsh|pwsh</c>: a script that completes fleetops commands, options and values in that
/// shell. Each script asks fleetops itself through System.CommandLine's <c>[suggest:POSITION]</c> directive, so the
/// completions always match the installed version (no dotnet-suggest needed).
/// </summary>
internal static class CompletionsCommand
{
    public static readonly IReadOnlyDictionary<string, string> Scripts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bash"] = """
            # fleetops completions for bash: add `source <(fleetops completions bash)` to ~/.bashrc
            _fleetops_complete() {
                local IFS=$'\n'
                COMPREPLY=($(fleetops "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null))
            }
            complete -o default -F _fleetops_complete fleetops
            """,
        ["zsh"] = """
            # fleetops completions for zsh: add `source <(fleetops completions zsh)` to ~/.zshrc (after compinit)
            _fleetops_complete() {
                local -a candidates
                candidates=("${(@f)$(fleetops "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
                compadd -- "${candidates[@]}"
            }
            compdef _fleetops_complete fleetops
            """,
        ["pwsh"] = """
            # fleetops completions for PowerShell: add `fleetops completions pwsh | Out-String | Invoke-Expression` to $PROFILE
            Register-ArgumentCompleter -Native -CommandName fleetops -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                fleetops "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }
            """,
    };

    public static Command Create(CliConsole console)
    {
        var shell = new Argument<string>("shell") { Description = "the shell to complete in" };
        shell.AcceptOnlyFromAmong([.. Scripts.Keys]);
        var command = new Command("completions", "Print a script that makes the shell complete fleetops commands, options and values " +
            "(bash: `source <(fleetops completions bash)` in ~/.bashrc).")
        {
            shell,
        };
        command.SetAction(parse =>
        {
            console.Line(Scripts[parse.GetValue(shell)!]);
            return ExitCodes.Ok;
        });
        return command;
    }
}
