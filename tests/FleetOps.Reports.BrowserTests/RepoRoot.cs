namespace FleetOps.Reports.BrowserTests;

/// <summary>The repository root, found by walking up from the test binary to Functions.sln.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Functions.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Functions.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>A path under artifacts/, its folder created: where CI picks up what a test leaves for people to look at.</summary>
    public static string Artifact(params string[] parts)
    {
        var path = System.IO.Path.Combine([Path, "artifacts", .. parts]);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }
}
