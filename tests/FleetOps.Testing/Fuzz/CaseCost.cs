namespace FleetOps.Testing.Fuzz;

/// <summary>
/// The cost of one fuzz case, measured in process on the calling thread (CPU time and bytes allocated; never wall
/// time, which the other engineers' builds on the same cores would inflate), held to a bound linear in the input's
/// size: <c>fixed + perByte × size</c>. The fixed part covers what a small request may legitimately expand to under
/// the documented limits (a host range, an inventory's groups). Also keeps the worst case seen, for the test's output.
/// </summary>
public sealed class CaseCost(long fixedBytes, long allocatedPerByte, TimeSpan fixedCpu, TimeSpan cpuPerKiB)
{
    private readonly Lock _gate = new();

    public string Worst { get; private set; } = "none";
    private double _worstShare;

    /// <summary>Runs <paramref name="action"/>; throws <see cref="EdgeRuleException"/> when it cost more than the bound for <paramref name="size"/> bytes of input.</summary>
    public void Check(long size, Action action)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpu.Now();
        action();
        var spentCpu = ThreadCpu.Now() - cpu;
        var spentBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;

        var byteBound = fixedBytes + allocatedPerByte * size;
        var cpuBound = fixedCpu + cpuPerKiB * (size / 1024.0);
        lock (_gate)
        {
            var share = Math.Max((double)spentBytes / byteBound, spentCpu / cpuBound);
            if (share > _worstShare)
            {
                _worstShare = share;
                Worst = $"{spentBytes:N0} B allocated, {spentCpu.TotalMilliseconds:0} ms CPU for {size:N0} B of input ({share:P0} of the bound)";
            }
        }
        if (spentBytes > byteBound)
            throw new EdgeRuleException($"allocated {spentBytes:N0} bytes for {size:N0} bytes of input, over {byteBound:N0} ({fixedBytes:N0} + {allocatedPerByte} per byte)");
        if (spentCpu > cpuBound)
            throw new EdgeRuleException($"took {spentCpu.TotalMilliseconds:0} ms of CPU for {size:N0} bytes of input, over {cpuBound.TotalMilliseconds:0} ms");
    }
}
