namespace FleetOps.Core.Tests;

/// <summary>The thread CPU clock of <see cref="FleetOps.Testing.ThreadCpu"/> (shared with the Api tests' fuzzing), under its old name here.</summary>
internal static class ThreadCpu
{
    public static TimeSpan Now() => Testing.ThreadCpu.Now();

    public static TimeSpan Of(Action action) => Testing.ThreadCpu.Of(action);
}
