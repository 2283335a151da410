namespace FleetOps.Simulator.Metrics;

/// <summary>
/// One node's <c>http_requests_total</c> by status code: the requests it really answered, plus simulated traffic at
/// rates a test sets (<see cref="SimulatedFleet.SetErrorRate"/>), accrued continuously on the fleet's clock so that
/// <c>rate(...)</c> over a scrape interval comes out at the rate set. Counters only ever grow.
/// </summary>
internal sealed class NodeTraffic(TimeProvider time)
{
    public const int Ok = 200;
    public const int Error = 500;

    private readonly object _gate = new();
    private readonly SortedDictionary<int, long> _answered = new();
    private double _okPerSecond;
    private double _errorsPerSecond;
    private double _okAccrued;
    private double _errorsAccrued;
    private long _since = time.GetTimestamp();

    public void Count(int status)
    {
        lock (_gate) _answered[status] = _answered.GetValueOrDefault(status) + 1;
    }

    /// <summary>From now on, simulated 200s and 500s arrive at these rates (per second); what accrued so far stays.</summary>
    public void SetRates(double okPerSecond, double errorsPerSecond)
    {
        lock (_gate)
        {
            Accrue();
            _okPerSecond = okPerSecond;
            _errorsPerSecond = errorsPerSecond;
        }
    }

    /// <summary>Every status code with its count, 200 and 500 always among them.</summary>
    public IReadOnlyList<(int Code, long Count)> Snapshot()
    {
        lock (_gate)
        {
            Accrue();
            var counts = new SortedDictionary<int, long>(_answered);
            counts[Ok] = counts.GetValueOrDefault(Ok) + (long)Math.Floor(_okAccrued);
            counts[Error] = counts.GetValueOrDefault(Error) + (long)Math.Floor(_errorsAccrued);
            return [.. counts.Select(c => (c.Key, c.Value))];
        }
    }

    private void Accrue()
    {
        var now = time.GetTimestamp();
        var seconds = time.GetElapsedTime(_since, now).TotalSeconds;
        _okAccrued += _okPerSecond * seconds;
        _errorsAccrued += _errorsPerSecond * seconds;
        _since = now;
    }
}
