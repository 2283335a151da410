using System.Runtime.InteropServices;

namespace FleetOps.Cli.Bench;

/// <summary>What the numbers were measured on: they mean nothing without it.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memKb = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = memKb is not null && long.TryParse(memKb.Split(' ')[0], out var kb) ? $"{kb / 1024.0 / 1024.0:0.0} GiB" : "?";
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory} RAM, " +
               $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}{Load()}";
    }

    /// <summary>", load average 1.2 (1 min)": other work on the machine skews every row, so a record says how busy it was.</summary>
    private static string Load() =>
        File.Exists("/proc/loadavg") && File.ReadAllText("/proc/loadavg").Split(' ') is [var one, ..]
            ? $", load average {one} (1 min) at the start"
            : "";

    /// <summary>Peak resident set size of a process (VmHWM), in MiB; null where /proc is not there.</summary>
    public static double? PeakRssMiB(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path)) return null;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is not null && long.TryParse(line.Split(':', 2)[1].Trim().Split(' ')[0], out var kb) ? kb / 1024.0 : null;
    }
}
