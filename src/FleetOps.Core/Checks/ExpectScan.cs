namespace FleetOps.Core.Checks;

/// <summary>
/// Matches a tcp check's <see cref="ExpectMatcher"/> against an answer as it arrives, chunk by chunk, at a cost that does
/// not grow with the number of chunks (a peer sending one byte at a time costs what one sending it all at once does):
/// <list type="bullet">
/// <item>a substring is looked for only in the new characters and the <c>length - 1</c> before them, so every
/// character is examined a bounded number of times;</item>
/// <item>a pattern (which may match across any chunks) is run over the whole text when the text has doubled since the
/// last pass, and otherwise only while the passes made so far have scanned less than <see cref="ExtraPasses"/> times
/// the limit. Passes are linear (non-backtracking), so the whole answer costs at most about
/// <c>(ExtraPasses + 2) × maxChars</c> characters scanned. <see cref="Finish"/> makes the last pass when the answer
/// ends. A peer that drips its answer past that budget is matched when its text doubles or when it ends.</item>
/// </list>
/// </summary>
public sealed class ExpectScan
{
    public const int ExtraPasses = 16;

    private readonly ExpectMatcher _matcher;
    private readonly int _maxChars;
    private char[] _text = new char[256];
    private int _length;
    private int _passedAt;          // the text's length at the last pattern pass
    private long _budget;           // characters pattern passes may still scan outside the doubling rule
    private bool _matched;

    public ExpectScan(ExpectMatcher matcher, int maxChars)
    {
        _matcher = matcher;
        _maxChars = maxChars;
        _budget = (long)ExtraPasses * maxChars;
    }

    /// <summary>Characters kept so far (at most the limit).</summary>
    public int Length => _length;

    public string Text => new(_text, 0, _length);

    /// <summary>Characters the matcher has examined so far: the cost, for tests and bounds.</summary>
    public long Examined { get; private set; }

    /// <summary>Adds what arrived (beyond the limit it is dropped); true once the text matches.</summary>
    public bool Append(ReadOnlySpan<char> chars)
    {
        if (_matched) return true;
        var take = Math.Min(chars.Length, _maxChars - _length);
        if (take <= 0) return false;
        if (_length + take > _text.Length) Array.Resize(ref _text, (int)Math.Min(_maxChars, Math.Max(_length + take, 2L * _text.Length)));
        chars[..take].CopyTo(_text.AsSpan(_length));
        var before = _length;
        _length += take;

        if (_matcher.Text is { } needle)
        {
            var from = Math.Max(0, before - (needle.Length - 1));
            Examined += _length - from;
            return _matched = _text.AsSpan(from, _length - from).IndexOf(needle, StringComparison.Ordinal) >= 0;
        }
        if (_length >= 2L * _passedAt) return Pass();
        if (_budget < _length) return false;
        _budget -= _length;
        return Pass();
    }

    /// <summary>The answer ended (the peer closed, or the limit was reached): true when the whole text matches.</summary>
    public bool Finish() => _matched || (_matcher.Pattern is not null && _passedAt != _length && Pass());

    private bool Pass()
    {
        _passedAt = _length;
        Examined += _length;
        return _matched = _matcher.IsMatch(_text.AsSpan(0, _length));
    }
}
