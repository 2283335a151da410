namespace FleetOps.Testing;

public static class FreePorts
{
    /// <summary>A loopback port that was free a moment ago (the OS picks it; a race with other processes is unlikely).</summary>
    public static int Next() => FleetOps.Cli.Local.LoopbackPort.Free();
}
