namespace FleetOps.Cli.Local;

/// <summary>
/// The FleetOps checkout that demo and bench need: its package.json pins Azurite and its host.json configures the
/// engine. Found from --repo, else from the working directory or the program's own folder upwards. An installed
/// tool (~/.dotnet/tools) has none of these around it: it must run inside a checkout or be given --repo.
/// </summary>
public static class RepoRoot
{
    public static bool IsCheckout(string dir) =>
        File.Exists(Path.Combine(dir, "Functions.sln")) && File.Exists(Path.Combine(dir, "package.json")) && File.Exists(Path.Combine(dir, "host.json"));

    public static string? TryFind(string? explicitRoot = null)
    {
        if (explicitRoot is not null) return IsCheckout(explicitRoot) ? Path.GetFullPath(explicitRoot) : null;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (IsCheckout(dir.FullName)) return dir.FullName;
        return null;
    }

    /// <param name="command">The command that needs the checkout, for the message.</param>
    /// <exception cref="UsageException">No checkout: says what is missing and how to point at one.</exception>
    public static string Find(string command, string? explicitRoot = null) => TryFind(explicitRoot) ?? throw new UsageException(explicitRoot is null
        ? $"`fleetops {command}` needs a FleetOps checkout (it starts Azurite from the checkout's package.json and reads its host.json), " +
          $"and none was found above {Environment.CurrentDirectory}: run it inside a checkout, or pass --repo DIR"
        : $"--repo {explicitRoot} is not a FleetOps checkout: it needs Functions.sln, package.json and host.json");
}
