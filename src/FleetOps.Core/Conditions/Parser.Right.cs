using System.Globalization;
using System.Text;

namespace FleetOps.Core.Conditions;

/// <summary>The right side of a condition: a literal, <c>pat(...)</c> or <c>any(...)</c>, checked against the left's type.</summary>
internal sealed partial class Parser
{
    private Expectation ParseRight(Operand left, Operator op)
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.Word when Peek().Kind == TokenKind.LParen:
                return ParseRightFunction(t, left, op);
            case TokenKind.Word or TokenKind.String:
                return new LiteralExpectation(ReadLiteral(t, left, op));
            case TokenKind.LBracket:
                throw Fail(t, Expected.Value, "placeholders can only be on the left side; quote text that starts with '['");
            default:
                throw Fail(t, Expected.Value);
        }
    }

    private Expectation ParseRightFunction(Token name, Operand left, Operator op)
    {
        if (name.Text is not ("pat" or "any"))
        {
            var hint = name.Text is "len" or "has"
                ? $"{name.Text}() goes on the left side, e.g. len([BODY].data) > 0"
                : "quote text that contains parentheses";
            throw Fail(name, Expected.RightFunction, hint);
        }
        if (op.IsOrdering())
            throw Fail(name, left.Type == OperandType.Dynamic ? Expected.Orderable : ExpectedLiteral(left.Type), $"{name.Text}() only works with == and !=");
        if (name.Text == "pat" && left.Type is OperandType.Bool or OperandType.Milliseconds or OperandType.Duration)
            throw Fail(name, ExpectedLiteral(left.Type), $"pat() matches text; {left.Display} is {TypeName(left.Type)}");
        Next(); // '('

        if (name.Text == "pat")
        {
            var pattern = Next();
            if (pattern.Kind is not (TokenKind.Word or TokenKind.String)) throw Fail(pattern, Expected.Pattern);
            var close = Next();
            if (close.Kind != TokenKind.RParen) throw Fail(close, Expected.CloseParen, "quote a pattern that contains spaces, commas or parentheses");
            return new PatternExpectation(new Glob(pattern.Text));
        }

        var options = new List<Literal>();
        while (true)
        {
            var item = Next();
            if (item.Kind is not (TokenKind.Word or TokenKind.String)) throw Fail(item, Expected.Value);
            options.Add(ReadLiteral(item, left, op));
            var separator = Next();
            if (separator.Kind == TokenKind.RParen) break;
            if (separator.Kind != TokenKind.Comma) throw Fail(separator, Expected.CommaOrCloseParen);
        }
        return new AnyExpectation([.. options]);
    }

    /// <summary>A literal the left side can be compared with: <c>[STATUS] == UP</c> or <c>[BODY].n &gt; high</c> fail here, not at every attempt.</summary>
    private Literal ReadLiteral(Token t, Operand left, Operator op)
    {
        var literal = new Literal(t.Text);
        if (left.Type == OperandType.Dynamic)
        {
            if (op.IsOrdering() && literal.Milliseconds is null) throw Fail(t, Expected.Orderable);
            return literal;
        }
        if (!literal.Fits(left.Type)) throw Fail(t, ExpectedLiteral(left.Type), $"{left.Display} is {TypeName(left.Type)}");
        return literal;
    }

    private static string ExpectedLiteral(OperandType type) => type switch
    {
        OperandType.Bool => Expected.Bool,
        OperandType.Number => Expected.Number,
        OperandType.Milliseconds => Expected.Milliseconds,
        OperandType.Duration => Expected.Duration,
        _ => Expected.Value,
    };

    private static string TypeName(OperandType type) => type switch
    {
        OperandType.Bool => "true or false",
        OperandType.Number => "a number",
        OperandType.Milliseconds => "a time in milliseconds",
        OperandType.Duration => "a duration",
        OperandType.Text => "text",
        OperandType.List => "a list",
        _ => "a JSON value",
    };
}
