using System.Globalization;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Ansible host ranges: <c>web[01:20].example.com</c> (zero padding kept: numbers pad to a padded begin's width),
/// <c>db-[a:c]</c> (single letters, a-z then A-Z as Ansible orders them), <c>node[1:10:2]</c> (stride), and several
/// ranges in one name (every combination, left range slowest). An empty begin means 0, as in Ansible.
/// Unlike Ansible, a range that goes down (<c>[05:01]</c>) is an error rather than silently no hosts, and a padded
/// range's end may be wider than its begin (<c>[00001:100000]</c>).
/// </summary>
internal static class HostRange
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static bool HasRange(string pattern) => pattern.AsSpan().IndexOfAny('[', ']') >= 0;

    /// <summary>The names <paramref name="pattern"/> stands for, or null and why not. At most <paramref name="limit"/> names.</summary>
    public static List<string>? TryExpand(string pattern, int limit, out string? error)
    {
        error = null;
        var literals = new List<string>();
        var ranges = new List<string[]>();
        var pos = 0;
        long count = 1;
        while (true)
        {
            var open = pattern.IndexOf('[', pos);
            var stray = pattern.IndexOf(']', pos);
            if (stray >= 0 && (open < 0 || stray < open)) { error = $"'{pattern}' has ']' without '['"; return null; }
            if (open < 0) { literals.Add(pattern[pos..]); break; }
            var close = pattern.IndexOf(']', open + 1);
            var nested = pattern.IndexOf('[', open + 1);
            if (close < 0 || (nested >= 0 && nested < close)) { error = $"'{pattern}' has '[' without ']'"; return null; }
            literals.Add(pattern[pos..open]);
            var values = TryRange(pattern[(open + 1)..close], out var rangeError);
            if (values is null) { error = $"'{pattern}': range [{pattern[(open + 1)..close]}] {rangeError}"; return null; }
            count *= values.Length;
            if (count > limit) { error = $"'{pattern}' expands to more than {limit} hosts"; return null; }
            ranges.Add(values);
            pos = close + 1;
        }

        var names = new List<string>((int)count);
        if (ranges.Count == 1)
        {
            // The common case, and the one a 100,000-host inventory hits: no odometer needed.
            foreach (var value in ranges[0]) names.Add(string.Concat(literals[0], value, literals[1]));
            return names;
        }
        var digits = new int[ranges.Count];
        var parts = new string[literals.Count + ranges.Count];
        for (var i = 0; i < count; i++)
        {
            for (var r = 0; r < ranges.Count; r++)
            {
                parts[2 * r] = literals[r];
                parts[2 * r + 1] = ranges[r][digits[r]];
            }
            parts[^1] = literals[^1];
            names.Add(string.Concat(parts));
            // Advance the rightmost range first, carrying left.
            for (var r = ranges.Count - 1; r >= 0 && ++digits[r] == ranges[r].Length; r--) digits[r] = 0;
        }
        return names;
    }

    private static string[]? TryRange(string body, out string? error)
    {
        error = null;
        var parts = body.Split(':');
        if (parts.Length is not (2 or 3)) { error = "must be [begin:end] or [begin:end:step]"; return null; }
        var (begin, end) = (parts[0].Length == 0 ? "0" : parts[0], parts[1]);
        if (end.Length == 0) { error = "has no end"; return null; }
        var step = 1;
        if (parts.Length == 3 && (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
        {
            error = $"has step '{parts[2]}': expected a whole number of at least 1";
            return null;
        }

        if (begin.Length == 1 && end.Length == 1 && char.IsAsciiLetter(begin[0]) && char.IsAsciiLetter(end[0]))
        {
            int b = Letters.IndexOf(begin[0]), e = Letters.IndexOf(end[0]);
            if (b > e) { error = "goes down: begin must not come after end"; return null; }
            var letters = new string[(e - b) / step + 1];
            for (var i = 0; i < letters.Length; i++) letters[i] = Letters[b + i * step].ToString();
            return letters;
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
        var length = (last - first) / step + 1;
        if (length > InventoryLimits.MaxHosts) { error = $"has more than {InventoryLimits.MaxHosts} values"; return null; }
        var numbers = new string[length];
        var format = width > 0 ? "D" + width.ToString(CultureInfo.InvariantCulture) : "D";
        for (var i = 0; i < numbers.Length; i++) numbers[i] = (first + i * step).ToString(format, CultureInfo.InvariantCulture);
        return numbers;
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
