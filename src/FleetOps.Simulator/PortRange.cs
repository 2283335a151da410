using System.Globalization;

namespace FleetOps.Simulator;

/// <summary>
/// The ports a fleet takes its ports from (<see cref="FleetSpec.Ports"/>), both ends included. They are tried in order
/// from <see cref="First"/>; ports that are taken (by anyone, another fleet included) are skipped.
/// </summary>
public sealed record PortRange(int First, int Last)
{
    public int Count => Last - First + 1;

    /// <summary>"20000-20099", or a single port "20000".</summary>
    public static PortRange Parse(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var first = Port(dash < 0 ? text : text[..dash]);
        var last = dash < 0 ? first : Port(text[(dash + 1)..]);
        return last >= first ? new PortRange(first, last) : throw new FormatException($"port range '{text}' ends before it starts.");

        static int Port(string part) =>
            int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
                ? port
                : throw new FormatException($"'{part}' is not a port (1-65535).");
    }

    public override string ToString() => First == Last
        ? First.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");
}
