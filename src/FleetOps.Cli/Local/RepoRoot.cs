namespace FleetOps.Cli.Local;

/// <summary>The FleetOps checkout the CLI runs from: demo and bench need its package.json (Azurite) and host.json.</summary>
public static class RepoRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
                    return dir.FullName;
        throw new InvalidOperationException("this command runs from the FleetOps repository (it needs package.json and host.json)");
    }
}
