using System.Globalization;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Ansible host ranges: <c>web[01:20].example.com</c> (zero padding kept: numbers pad to a padded begin's width),
/// <c>db-[a:c]</c> (single letters, a-z then A-Z as Ansible orders them), <c>node[1:10:2]</c> (stride), and several
/// ranges in one name (every combination, left range slowest). An empty begin means 0, as in Ansible.
/// Unlike Ansible, a range that goes down (<c>[05:01]</c>) is an error rather than silently no hosts, and a padded
/// range's end may be wider than its begin (<c>[00001:100000]</c>).
/// Parsing only reads the bounds: <see cref="Count"/> is known before a single name is made, so a caller can refuse
/// <c>w[1:100000][1:100000]</c> without expanding it. A name without ranges is a pattern of one.
/// </summary>
internal sealed class HostRange
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>One [begin:end:step]: letters (Format null) or numbers in a format ("D" or "D5").</summary>
    private readonly record struct Values(long First, long Step, long Count, string? Format)
    {
        public string this[long i] => Format is null
            ? Letters[(int)(First + i * Step)].ToString()
            : (First + i * Step).ToString(Format, CultureInfo.InvariantCulture);
    }

    private readonly List<string> _literals;
    private readonly List<Values> _spans;

    private HostRange(List<string> literals, List<Values> spans, long count) => (_literals, _spans, Count) = (literals, spans, count);

    /// <summary>How many names the pattern stands for (saturates at <see cref="long.MaxValue"/>).</summary>
    public long Count { get; }

    public static HostRange Single(string name) => new([name], [], 1);

    public static bool HasRange(string pattern) => pattern.AsSpan().IndexOfAny('[', ']') >= 0;

    /// <summary>The pattern's ranges, or null and why not. Costs the length of the pattern, not of its expansion.</summary>
    public static HostRange? TryParse(string pattern, out string? error)
    {
        error = null;
        var literals = new List<string>();
        var spans = new List<Values>();
        var pos = 0;
        long count = 1;
        while (true)
        {
            var open = pattern.IndexOf('[', pos);
            var stray = pattern.IndexOf(']', pos);
            if (stray >= 0 && (open < 0 || stray < open)) { error = $"{Echo.Quote(pattern)} has ']' without '['"; return null; }
            if (open < 0) { literals.Add(pattern[pos..]); break; }
            var close = pattern.IndexOf(']', open + 1);
            var nested = pattern.IndexOf('[', open + 1);
            if (close < 0 || (nested >= 0 && nested < close)) { error = $"{Echo.Quote(pattern)} has '[' without ']'"; return null; }
            literals.Add(pattern[pos..open]);
            if (TryValues(pattern[(open + 1)..close], out var rangeError) is not { } values)
            {
                error = $"{Echo.Quote(pattern)}: range [{Echo.Cut(pattern[(open + 1)..close])}] {rangeError}";
                return null;
            }
            count = count > long.MaxValue / values.Count ? long.MaxValue : count * values.Count;
            spans.Add(values);
            pos = close + 1;
        }
        return new HostRange(literals, spans, count);
    }

    /// <summary>
    /// Every name, in order (left range slowest), made one at a time: a host already known drops its name at once
    /// instead of a million names waiting in a list. Enumerate only once <see cref="Count"/> is known to be affordable.
    /// </summary>
    public IEnumerable<string> Expand()
    {
        if (_spans.Count == 0)
        {
            yield return _literals[0];
            yield break;
        }
        if (_spans.Count == 1)
        {
            // The common case, and the one a 1,000,000-host inventory hits: no odometer needed.
            for (long i = 0; i < _spans[0].Count; i++) yield return string.Concat(_literals[0], _spans[0][i], _literals[1]);
            yield break;
        }
        var digits = new long[_spans.Count];
        var parts = new string[_literals.Count + _spans.Count];
        for (long n = 0; n < Count; n++)
        {
            for (var r = 0; r < _spans.Count; r++)
            {
                parts[2 * r] = _literals[r];
                parts[2 * r + 1] = _spans[r][digits[r]];
            }
            parts[^1] = _literals[^1];
            yield return string.Concat(parts);
            // Advance the rightmost range first, carrying left.
            for (var r = _spans.Count - 1; r >= 0 && ++digits[r] == _spans[r].Count; r--) digits[r] = 0;
        }
    }

    private static Values? TryValues(string body, out string? error)
    {
        error = null;
        var parts = body.Split(':');
        if (parts.Length is not (2 or 3)) { error = "must be [begin:end] or [begin:end:step]"; return null; }
        var (begin, end) = (parts[0].Length == 0 ? "0" : parts[0], parts[1]);
        if (end.Length == 0) { error = "has no end"; return null; }
        var step = 1;
        if (parts.Length == 3 && (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
        {
            error = $"has step {Echo.Quote(parts[2])}: expected a whole number of at least 1";
            return null;
        }

        if (begin.Length == 1 && end.Length == 1 && char.IsAsciiLetter(begin[0]) && char.IsAsciiLetter(end[0]))
        {
            int b = Letters.IndexOf(begin[0]), e = Letters.IndexOf(end[0]);
            if (b > e) { error = "goes down: begin must not come after end"; return null; }
            return new Values(b, step, (e - b) / step + 1, null);
        }

        if (!IsDigits(begin) || !IsDigits(end) || begin.Length > 18 || end.Length > 18)
        {
            error = "must be numbers (01:20) or single letters (a:f)";
            return null;
        }
        var width = begin.Length > 1 && begin[0] == '0' ? begin.Length : 0;
        // Ansible wants equal widths; we also take a longer end, so node[00001:100000] means what it says
        // (numbers pad to the begin's width and grow past it). A shorter end ([001:20]) is still ambiguous.
        if (width > 0 && end.Length < width) { error = "is zero-padded, so the end needs at least as many digits as the begin"; return null; }
        long first = long.Parse(begin, CultureInfo.InvariantCulture), last = long.Parse(end, CultureInfo.InvariantCulture);
        if (first > last) { error = "goes down: begin must not come after end"; return null; }
        return new Values(first, step, (last - first) / step + 1, width > 0 ? "D" + width.ToString(CultureInfo.InvariantCulture) : "D");
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
