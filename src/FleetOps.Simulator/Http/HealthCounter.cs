namespace FleetOps.Simulator.Http;

/// <summary>Counts <c>/health</c> requests received (including ones that hang), for tests that assert traffic.</summary>
internal sealed class HealthCounter
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
