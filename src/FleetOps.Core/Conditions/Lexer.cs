using System.Text;

namespace FleetOps.Core.Conditions;

/// <summary>
/// Splits one condition into tokens on demand, so the parser reports the leftmost error
/// (an unterminated quote late in the text must not hide an earlier mistake).
/// </summary>
internal sealed class Lexer(string text, int index)
{
    private int _pos;
    private Token? _peeked;

    public Token Peek() => _peeked ??= Read();

    public Token Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    /// <summary>Characters that end a bare word: they start another token.</summary>
    public static bool IsWordChar(char c) =>
        !char.IsWhiteSpace(c) && c is not ('"' or '(' or ')' or '[' or ']' or ',' or '=' or '!' or '<' or '>');

    private Token Read()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        if (_pos >= text.Length) return new Token(TokenKind.End, text.Length, 0, "");

        var start = _pos;
        var c = text[_pos];
        switch (c)
        {
            case '[': _pos++; return new Token(TokenKind.LBracket, start, 1, "[");
            case ']': _pos++; return new Token(TokenKind.RBracket, start, 1, "]");
            case '(': _pos++; return new Token(TokenKind.LParen, start, 1, "(");
            case ')': _pos++; return new Token(TokenKind.RParen, start, 1, ")");
            case ',': _pos++; return new Token(TokenKind.Comma, start, 1, ",");
            case '"': return ReadString(start);
            case '=' or '!' or '<' or '>': return ReadOperator(start, c);
        }

        while (_pos < text.Length && IsWordChar(text[_pos])) _pos++;
        return new Token(TokenKind.Word, start, _pos - start, text[start.._pos]);
    }

    private Token ReadOperator(int start, char c)
    {
        var twoChar = _pos + 1 < text.Length && text[_pos + 1] == '=';
        if (c is '<' or '>')
        {
            _pos += twoChar ? 2 : 1;
            return new Token(TokenKind.Operator, start, _pos - start, text[start.._pos]);
        }
        if (twoChar)
        {
            _pos += 2;
            return new Token(TokenKind.Operator, start, 2, text[start.._pos]);
        }
        _pos++;
        return new Token(TokenKind.Invalid, start, 1, c.ToString());
    }

    private Token ReadString(int start)
    {
        // Only \" and \\ are escapes; any other backslash stays as typed (patterns and paths use them rarely,
        // and a surprise escape is worse than a literal backslash).
        var sb = new StringBuilder();
        _pos++;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == '\\' && _pos + 1 < text.Length && text[_pos + 1] is '"' or '\\')
            {
                sb.Append(text[_pos + 1]);
                _pos += 2;
                continue;
            }
            if (c == '"')
            {
                _pos++;
                return new Token(TokenKind.String, start, _pos - start, sb.ToString());
            }
            sb.Append(c);
            _pos++;
        }
        throw new ConditionParseException(index, text, text.Length, Expected.ClosingQuote, ConditionParseException.EndOfCondition,
            $"the string opened at position {start} is never closed");
    }
}
