using System.Globalization;

namespace FleetOps.Probing.Reports;

/// <summary>
/// The histogram chart's buckets: 1-2-5 steps from 1 ms to 60 s, so a fleet of 3 ms LAN hosts and 2 s timeouts fits on
/// one readable axis. (The summary's 5 % buckets are for percentiles; there are too many of them to draw.)
/// </summary>
internal static class LatencyBuckets
{
    /// <summary>Upper bounds in ms, inclusive; a last, open bucket holds everything above the final bound.</summary>
    public static readonly double[] UpperBounds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 60_000];

    public static int Count => UpperBounds.Length + 1;

    public static int IndexOf(double ms)
    {
        var index = Array.BinarySearch(UpperBounds, ms);
        return index >= 0 ? index : ~index;
    }

    /// <summary>An axis tick: "5", "500", "1 s", "60 s" (the axis title says ms).</summary>
    public static string Tick(double ms) => ms >= 1000 ? WithUnit(ms) : Number(ms);

    /// <summary>The bucket's range for a tooltip: "≤ 1 ms", "10–20 ms", "500 ms–1 s", "> 60 s".</summary>
    public static string Range(int index)
    {
        if (index == 0) return $"≤ {WithUnit(UpperBounds[0])}";
        if (index == UpperBounds.Length) return $"> {WithUnit(UpperBounds[^1])}";
        double lower = UpperBounds[index - 1], upper = UpperBounds[index];
        return Unit(lower) == Unit(upper) ? $"{Number(lower)}–{WithUnit(upper)}" : $"{WithUnit(lower)}–{WithUnit(upper)}";
    }

    private static string Unit(double ms) => ms >= 1000 ? "s" : "ms";

    private static string Number(double ms) => (ms >= 1000 ? ms / 1000 : ms).ToString("0.#", CultureInfo.InvariantCulture);

    private static string WithUnit(double ms) => $"{Number(ms)} {Unit(ms)}";
}
