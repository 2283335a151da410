using System.Diagnostics;
using System.Globalization;

namespace FleetOps.Cli.Bench;

/// <summary>
/// CPU time used so far by a process and its descendants (Azurite is a node process the bench started; the npm shim
/// may sit above it), read from /proc: utime + stime of each, in clock ticks (100 a second on Linux).
/// </summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>The tree's CPU time; null where /proc is not there or the process has gone.</summary>
    public static TimeSpan? Of(int pid)
    {
        if (!Directory.Exists("/proc")) return TryProcess(pid);
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) continue;
            if (Read(id) is { } stat) stats[id] = stat;
        }
        if (!stats.ContainsKey(pid)) return null;
        var tree = new HashSet<int> { pid };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (id, (parent, _)) in stats)
                if (tree.Contains(parent) && tree.Add(id)) grew = true;
        }
        return TimeSpan.FromSeconds(tree.Sum(id => stats[id].Ticks) / TicksPerSecond);
    }

    /// <summary>Parent pid and utime + stime from /proc/{pid}/stat (the command name in parentheses may hold spaces).</summary>
    public static (int Parent, long Ticks)? ParseStat(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var close = stat.LastIndexOf(')');
        if (close < 0) return null;
        // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 13) return null;
        return int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            ? (parent, user + system) : null;
    }

    private static (int, long)? Read(int pid)
    {
        try
        {
            return ParseStat(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return null; // gone meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static TimeSpan? TryProcess(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
