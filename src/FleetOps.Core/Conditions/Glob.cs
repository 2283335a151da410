namespace FleetOps.Core.Conditions;

/// <summary>
/// <c>pat(...)</c> patterns: <c>*</c> matches any run of characters (including none), everything else matches itself,
/// the whole text must match. Hand-written rather than a regex: nothing to escape or compile, and it only ever
/// backtracks to the last star, so the worst case is text × pattern steps, never exponential on a hostile body.
/// </summary>
internal sealed class Glob(string pattern)
{
    public bool IsMatch(string text, bool ignoreCase)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (p < pattern.Length && Same(pattern[p], text[t], ignoreCase))
            {
                p++;
                t++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
