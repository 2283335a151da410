namespace FleetOps.Cli.Runs;

/// <summary>Report file names: a run id may hold any character, a file name may not hold '/' or start a hidden file.</summary>
internal static class ReportFiles
{
    public static string SafeName(string id)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(id.Select(c => invalid.Contains(c) || c is '\\' or ':' ? '_' : c).ToArray()).TrimStart('.');
        return safe.Length == 0 ? "_" : safe[..Math.Min(safe.Length, 150)];
    }
}
