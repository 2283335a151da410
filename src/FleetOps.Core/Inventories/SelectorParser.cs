using System.Text;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Recursive-descent parser for <see cref="Selector"/> text:
/// <code>
/// selector    := "" | requirement ("," requirement)*
/// requirement := "!" key | key | key ("=" | "==" | "!=") value | key ("in" | "notin") "(" value ("," value)* ")"
/// key         := [A-Za-z0-9_./-]+          value := bare | "quoted" | 'quoted'
/// </code>
/// Whitespace between tokens is ignored. Errors name the 1-based position and what was expected there.
/// </summary>
internal sealed class SelectorParser
{
    private readonly string _text;
    private int _pos;

    private SelectorParser(string text) => _text = text;

    public static Selector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new SelectorParser(text);
        parser.SkipSpace();
        if (parser.AtEnd) return Selector.All;
        var requirements = new List<SelectorRequirement> { parser.Requirement() };
        while (!parser.AtEnd)
        {
            parser.Expect(',', "',' or end of selector");
            requirements.Add(parser.Requirement());
        }
        return new Selector([.. requirements]);
    }

    public static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/';

    // Bare values may hold more than keys (addresses, paths, ':'), but not the selector's own punctuation.
    public static bool IsBareValueChar(char c) => !char.IsWhiteSpace(c) && c is not (',' or '(' or ')' or '=' or '!' or '"' or '\'');

    private bool AtEnd => _pos >= _text.Length;

    private SelectorRequirement Requirement()
    {
        SkipSpace();
        if (Peek() == '!' && Peek(1) != '=')
        {
            _pos++;
            SkipSpace();
            var negated = Key();
            SkipSpace();
            if (!AtEnd && Peek() != ',') throw Error("',' or end of selector after '!" + negated + "'");
            return new SelectorRequirement(negated, SelectorOperator.NotExists, []);
        }

        var key = Key();
        SkipSpace();
        if (AtEnd || Peek() == ',') return new SelectorRequirement(key, SelectorOperator.Exists, []);
        if (Peek() == '=')
        {
            _pos += Peek(1) == '=' ? 2 : 1;
            return new SelectorRequirement(key, SelectorOperator.Equal, [Value()]);
        }
        if (Peek() == '!' && Peek(1) == '=')
        {
            _pos += 2;
            return new SelectorRequirement(key, SelectorOperator.NotEqual, [Value()]);
        }

        var wordStart = _pos;
        while (!AtEnd && char.IsAsciiLetter(Peek())) _pos++;
        var word = _text[wordStart.._pos];
        if (word is "in" or "notin")
        {
            var values = ValueSet();
            return new SelectorRequirement(key, word == "in" ? SelectorOperator.In : SelectorOperator.NotIn, values);
        }
        _pos = wordStart;
        throw Error("'=', '!=', 'in', 'notin', ',' or end of selector after key '" + key + "'");
    }

    private string Key()
    {
        var start = _pos;
        while (!AtEnd && IsKeyChar(Peek())) _pos++;
        if (_pos == start) throw Error("a label key (letters, digits, '_', '-', '.', '/')");
        return _text[start.._pos];
    }

    private string[] ValueSet()
    {
        Expect('(', "'(' to open the value list");
        var values = new List<string> { Value() };
        SkipSpace();
        while (Peek() == ',')
        {
            _pos++;
            values.Add(Value());
            SkipSpace();
        }
        Expect(')', "',' or ')' to close the value list");
        return [.. values];
    }

    private string Value()
    {
        SkipSpace();
        if (Peek() is '"' or '\'') return Quoted();
        var start = _pos;
        while (!AtEnd && IsBareValueChar(Peek())) _pos++;
        if (_pos == start) throw Error("a value (quote an empty value: \"\")");
        return _text[start.._pos];
    }

    private string Quoted()
    {
        var quote = _text[_pos];
        var open = _pos++;
        var sb = new StringBuilder();
        while (!AtEnd && Peek() != quote)
        {
            // Backslash escapes only the quote and itself, so Windows paths etc. stay readable elsewhere.
            if (Peek() == '\\' && (Peek(1) == quote || Peek(1) == '\\')) _pos++;
            sb.Append(_text[_pos++]);
        }
        if (AtEnd) throw new FormatException($"selector {Echo.Quote(_text)}: the value quoted at position {open + 1} has no closing {quote}");
        _pos++;
        return sb.ToString();
    }

    private void Expect(char c, string what)
    {
        SkipSpace();
        if (Peek() != c) throw Error(what);
        _pos++;
    }

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek())) _pos++;
    }

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private FormatException Error(string expected)
    {
        var found = AtEnd ? "end of selector" : $"'{_text[_pos]}'";
        return new FormatException($"selector {Echo.Quote(_text)}: expected {expected} at position {_pos + 1}, found {found}");
    }
}
