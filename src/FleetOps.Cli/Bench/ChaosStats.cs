namespace FleetOps.Cli.Bench;

/// <summary>The arithmetic of a chaos run: percentiles of recovery times and the exactly-once tallies.</summary>
public static class ChaosStats
{
    /// <summary>
    /// Nearest-rank percentile (<paramref name="p"/> in 0–100) of <paramref name="values"/>: the smallest value with at
    /// least p % of the values at or below it, so p99 of 20 trials is the worst one. NaN for no values.
    /// </summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length / 100);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>
    /// Against the expected names: how many got no entry (missing) and how many extra entries the others got
    /// (duplicates: a name counted 3 times adds 2). Names not expected at all count as duplicates too.
    /// </summary>
    public static (int Missing, int Duplicates) Tally(IEnumerable<string> expected, IEnumerable<string> seen)
    {
        var counts = expected.Distinct(StringComparer.Ordinal).ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var name in seen)
        {
            if (counts.TryGetValue(name, out var n) && n == 0) counts[name] = 1;
            else
            {
                duplicates++;
                if (counts.ContainsKey(name)) counts[name] = n + 1;
            }
        }
        return (counts.Count(c => c.Value == 0), duplicates);
    }

    /// <summary>Per-node action counts at the fleet (each must be exactly 1): nodes never changed, and extra applications.</summary>
    public static (int Missing, int Duplicates) Applied(IEnumerable<long> appliedPerNode)
    {
        var missing = 0;
        long duplicates = 0;
        foreach (var count in appliedPerNode)
        {
            if (count == 0) missing++;
            else duplicates += count - 1;
        }
        return (missing, (int)duplicates);
    }

    /// <summary>
    /// The control queue (partition) DurableTask.AzureStorage places an orchestration instance on: the 32-bit FNV-1a
    /// hash of its id's UTF-8 bytes, modulo the partition count. The engine keeps its helper internal.
    /// </summary>
    public static int ControlQueueIndex(string instanceId, int partitionCount)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(instanceId)) hash = (hash ^ b) * 16777619u;
        return (int)(hash % (uint)partitionCount);
    }
}
