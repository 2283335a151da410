namespace FleetOps.Core.Conditions;

/// <summary>
/// <c>pat(...)</c> patterns: <c>*</c> matches any run of characters (including none), everything else matches itself,
/// the whole text must match. Linear in text + pattern, whatever either holds: the pieces between stars are found
/// left to right, each at its first place after the previous one (enough, since a star takes any text), with KMP
/// (Knuth-Morris-Pratt), which never looks at a character of the text twice. The classic backtracking matcher is
/// text × pattern in the worst case: <c>*a*a*a…b</c> against 64 KiB of <c>a</c> cost seconds per attempt.
/// </summary>
internal sealed class Glob
{
    private readonly Piece _first, _last;
    private readonly Piece[] _middle;
    private readonly bool _hasStar;

    public Glob(string pattern)
    {
        var parts = pattern.Split('*');
        _hasStar = parts.Length > 1;
        _first = new Piece(parts[0]);
        _last = new Piece(parts[^1]);
        _middle = parts.Length > 2 ? [.. parts[1..^1].Where(p => p.Length > 0).Select(p => new Piece(p))] : [];
    }

    public bool IsMatch(string text, bool ignoreCase)
    {
        if (!_hasStar) return text.Length == _first.Length && _first.MatchesAt(text, 0, ignoreCase);
        var end = text.Length - _last.Length;
        if (end < _first.Length || !_first.MatchesAt(text, 0, ignoreCase) || !_last.MatchesAt(text, end, ignoreCase)) return false;
        var position = _first.Length;
        foreach (var piece in _middle)
        {
            var found = piece.IndexIn(text, position, end, ignoreCase);
            if (found < 0) return false;
            position = found + piece.Length;
        }
        return true;
    }

    /// <summary>Text between stars, with its KMP failure tables (one per case mode: folding changes which prefixes repeat).</summary>
    private sealed class Piece
    {
        private readonly string _text;
        private readonly int[] _exact, _folded;

        public Piece(string text)
        {
            _text = text;
            _exact = FailureTable(text, ignoreCase: false);
            _folded = FailureTable(text, ignoreCase: true);
        }

        public int Length => _text.Length;

        public bool MatchesAt(string text, int start, bool ignoreCase)
        {
            for (var i = 0; i < _text.Length; i++)
                if (!Same(_text[i], text[start + i], ignoreCase)) return false;
            return true;
        }

        /// <summary>Where this piece first lies wholly within text[from..end), or -1.</summary>
        public int IndexIn(string text, int from, int end, bool ignoreCase)
        {
            var failure = ignoreCase ? _folded : _exact;
            var matched = 0;
            for (var i = from; i < end; i++)
            {
                while (matched > 0 && !Same(_text[matched], text[i], ignoreCase)) matched = failure[matched - 1];
                if (Same(_text[matched], text[i], ignoreCase)) matched++;
                if (matched == _text.Length) return i - matched + 1;
            }
            return -1;
        }

        /// <summary>failure[i]: the length of the longest proper prefix of text[..(i+1)] that is also its suffix.</summary>
        private static int[] FailureTable(string text, bool ignoreCase)
        {
            var failure = new int[text.Length];
            for (int i = 1, k = 0; i < text.Length; i++)
            {
                while (k > 0 && !Same(text[k], text[i], ignoreCase)) k = failure[k - 1];
                if (Same(text[k], text[i], ignoreCase)) k++;
                failure[i] = k;
            }
            return failure;
        }
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
