using System.Globalization;
using System.Text.Json;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Rollouts;

/// <summary>
/// One entry of a wave list, as in Ansible's <c>serial</c>: a node count (<c>5</c> or <c>"5"</c>) or a whole
/// percentage of ALL the rollout's nodes (<c>"20%"</c>, 1-100).
/// </summary>
public readonly record struct WaveSize
{
    private WaveSize(int value, bool isPercent) => (Value, IsPercent) = (value, isPercent);

    public int Value { get; }
    public bool IsPercent { get; }

    public static WaveSize Count(int nodes) =>
        nodes >= 1 ? new(nodes, false) : throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "a wave holds at least one node");

    public static WaveSize Percent(int percent) =>
        percent is >= 1 and <= 100 ? new(percent, true) : throw new ArgumentOutOfRangeException(nameof(percent), percent, "1-100");

    /// <summary>
    /// Nodes in a wave of this size when the rollout has <paramref name="totalNodes"/>: a percentage rounds down but
    /// never to zero (a wave must make progress), computed in integers so 29% of 100 is 29, not 28.999….
    /// </summary>
    public int Resolve(int totalNodes) => IsPercent ? Math.Max(1, (int)((long)Value * totalNodes / 100)) : Value;

    public static bool TryParse(JsonElement element, out WaveSize size, out string? error)
    {
        size = default;
        error = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                if (!element.TryGetInt32(out var n)) { error = $"{Echo.Cut(element.GetRawText())} is not a whole number of nodes"; return false; }
                return Counted(n, element.GetRawText(), out size, out error);
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (text.EndsWith('%'))
                {
                    if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p))
                    { error = $"{Echo.Quote(text)} is not a whole percentage such as \"20%\""; return false; }
                    if (p is < 1 or > 100) { error = $"{Echo.Quote(text)} is out of range 1%-100%"; return false; }
                    size = Percent(p);
                    return true;
                }
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var c))
                { error = $"{Echo.Quote(text)} is neither a number of nodes nor a percentage such as \"20%\""; return false; }
                return Counted(c, Echo.Quote(text), out size, out error);
            default:
                error = "must be a number of nodes or a percentage such as \"20%\"";
                return false;
        }
    }

    private static bool Counted(int n, string shown, out WaveSize size, out string? error)
    {
        size = default;
        error = n < 1 ? $"{shown} is not a wave size: a wave holds at least 1 node" : null;
        if (error is null) size = Count(n);
        return error is null;
    }

    public override string ToString() => IsPercent ? $"{Value}%" : Value.ToString(CultureInfo.InvariantCulture);
}
