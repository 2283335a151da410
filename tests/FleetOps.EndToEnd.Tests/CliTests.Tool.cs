using FleetOps.Simulator;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

public sealed partial class CliTests
{
    /// <summary>
    /// `dotnet pack src/FleetOps.Cli` gives a .NET tool; installed into a tool path from that folder alone (a NuGet
    /// config that lists nothing else), `fleetops` answers --help, sweeps against the self-host from outside the
    /// checkout, says that demo needs a checkout, and its bash completion script completes.
    /// </summary>
    [Fact]
    public async Task The_packed_tool_installs_offline_and_runs_against_the_self_host()
    {
        var work = Directory.CreateTempSubdirectory("tool").FullName;
        var packages = Path.Combine(work, "packages");
        var toolPath = Path.Combine(work, "bin");
        await DotnetAsync(["pack", Path.Combine(RepoPaths.Root, "src", "FleetOps.Cli"), "-c", RepoPaths.Configuration, "--no-build", "-o", packages, "-nologo"]);
        var package = Assert.Single(Directory.GetFiles(packages, "fleetops.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)["fleetops.".Length..];
        var config = Path.Combine(work, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        await DotnetAsync(["tool", "install", "fleetops", "--tool-path", toolPath, "--configfile", config, "--version", version]);
        var fleetops = Path.Combine(toolPath, "fleetops");
        Assert.True(File.Exists(fleetops), $"no {fleetops} after the install");

        var help = await ToolAsync(fleetops, work, ["--help"]);
        Assert.True(help.Exit == 0, help.ToString());
        Assert.Contains("fleetops [command] [options]", help.Output);
        Assert.Contains("Exit codes:", help.Output);

        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 4, NamePrefix = "tool-" });
        var targets = Path.Combine(work, "targets.json");
        await File.WriteAllTextAsync(targets, fleet.ToTargetsJson());
        var sweep = await ToolAsync(fleetops, work, ["sweep", targets, "--server", Server, "--out", Path.Combine(work, "reports")]);
        Assert.True(sweep.Exit == 0, sweep.ToString());
        Assert.Matches(@"\|\s*all\s*\|\s*4\s*\|\s*4\s*\|\s*0\s*\|", sweep.Output);
        Assert.Single(Directory.GetFiles(Path.Combine(work, "reports"), "sweep-*.html"));

        var demo = await ToolAsync(fleetops, work, ["demo"]);
        Assert.True(demo.Exit == 2, demo.ToString());
        Assert.Contains("`fleetops demo` needs a FleetOps checkout", Assert.Single(demo.Errors));

        // The bash script as a user sources it, with the installed fleetops on PATH.
        var complete = await ToolAsync("bash", work,
            ["-c", """source <(fleetops completions bash); COMP_LINE="fleetops ru"; COMP_POINT=11; _fleetops_complete; printf '%s\n' "${COMPREPLY[@]}" """],
            path: toolPath);
        Assert.True(complete.Exit == 0, complete.ToString());
        Assert.Equal(["run", "runs"], complete.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static async Task DotnetAsync(string[] args)
    {
        await using var process = ChildProcess.Start("dotnet", args);
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited {process.ExitCode}:\n{process.Output(100)}");
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="workingDirectory"/>, with <paramref name="path"/> first on PATH.</summary>
    private static async Task<Run> ToolAsync(string program, string workingDirectory, string[] args, string? path = null)
    {
        var environment = new Dictionary<string, string?>();
        if (path is not null) environment["PATH"] = path + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        await using var process = ChildProcess.Start(program, args, environment, workingDirectory);
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        return new Run(process.ExitCode, process.Output(ChildProcess.MaxLines), process.ErrorLines);
    }
}
