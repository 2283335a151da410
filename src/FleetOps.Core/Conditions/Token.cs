namespace FleetOps.Core.Conditions;

internal enum TokenKind
{
    End,
    /// <summary>A run of characters that are not whitespace, quotes, brackets, parens, commas or operator characters.</summary>
    Word,
    /// <summary>A double-quoted string; <see cref="Token.Text"/> is the unescaped content.</summary>
    String,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Comma,
    Operator,
    /// <summary>A lone '=' or '!': kept as a token so the parser can say "expected an operator, found '='".</summary>
    Invalid,
}

/// <param name="Position">0-based offset of the token's first character in the condition.</param>
/// <param name="Length">How many source characters the token spans (quotes included).</param>
/// <param name="Text">The token's value: unescaped content for strings, the characters otherwise.</param>
internal readonly record struct Token(TokenKind Kind, int Position, int Length, string Text)
{
    public int End => Position + Length;
}
