using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FleetOps.Testing;

/// <summary>
/// CPU time of the calling thread: a cost bound that other tests running in parallel on the same machine do not
/// disturb (wall time would measure them too). Linux reads the thread's clock; elsewhere the process's CPU time.
/// </summary>
public static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0)
            return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
        return Process.GetCurrentProcess().TotalProcessorTime;
    }

    /// <summary>The CPU time <paramref name="action"/> took on this thread.</summary>
    public static TimeSpan Of(Action action)
    {
        var before = Now();
        action();
        return Now() - before;
    }
}
