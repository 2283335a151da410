using System.Globalization;
using System.Text;

namespace FleetOps.Core.Conditions;

/// <summary>
/// Recursive descent over one condition: <c>left op right</c>.
/// <code>
/// condition := left op right
/// left      := placeholder | ("len" | "has") "(" placeholder ")"
/// placeholder := "[" NAME "]" path?          path only after [BODY] (.key, [index], ["key"]) or [HEADERS] (.Name)
/// op        := "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
/// right     := literal | "pat" "(" literal ")" | "any" "(" literal ("," literal)* ")"
/// literal   := WORD | "quoted \"string\""
/// </code>
/// Besides syntax it checks what is known before any probe runs (the placeholder's type against the operator and the
/// literal), so <c>[STATUS] == UP</c> is a 400, not a check that can never pass. Every error is thrown at the leftmost
/// problem, with the position and the expected token.
/// </summary>
internal sealed partial class Parser
{
    private const int MaxFoundChars = 40;

    private readonly string _text;
    private readonly int _index;
    private readonly Lexer _lexer;
    private int _lastEnd;

    private Parser(string text, int index)
    {
        _text = text;
        _index = index;
        _lexer = new Lexer(text, index);
    }

    public static Condition Parse(string? text, int index)
    {
        text ??= "";
        if (string.IsNullOrWhiteSpace(text))
            throw new ConditionParseException(index, text, 0, Expected.Condition, "an empty condition");
        return new Parser(text, index).ParseCondition();
    }

    private Condition ParseCondition()
    {
        var left = ParseLeft();

        var leftEnd = _lastEnd;
        var opToken = Next();
        if (opToken.Kind != TokenKind.Operator) throw OperatorError(opToken, left, leftEnd);
        var op = Operators.Parse(opToken.Text);
        if (op.IsOrdering() && left.Type is OperandType.Bool or OperandType.Text or OperandType.List)
            throw Fail(opToken, Expected.EqualityOperator, $"{left.Display} is {TypeName(left.Type)}; only numbers and durations can be ordered");

        var right = ParseRight(left, op);

        var end = Next();
        if (end.Kind != TokenKind.End)
            throw Fail(end, Expected.End, "quote a value that contains spaces, commas, brackets, parentheses or operator characters, e.g. \"two words\"");
        return new Condition(_text, left, op, right);
    }

    // ---- left side ----

    private Operand ParseLeft()
    {
        var t = Peek();
        if (t.Kind == TokenKind.LBracket) return ParsePlaceholder();
        if (t.Kind != TokenKind.Word) throw Fail(t, Expected.LeftSide);

        Next();
        if (Peek().Kind == TokenKind.LParen) return ParseLeftFunction(t);
        var hint = Placeholders.CaseInsensitiveMatch(t.Text) is { } name ? $"placeholders are written in brackets: did you mean [{name}]?" : null;
        throw Fail(t, Expected.LeftSide, hint);
    }

    private Operand ParseLeftFunction(Token name)
    {
        if (name.Text is not ("len" or "has"))
        {
            var hint = name.Text is "pat" or "any"
                ? $"{name.Text}() goes on the right side, e.g. [BODY].name == pat(john*)"
                : name.Text.ToLowerInvariant() is "len" or "has" ? $"function names are lowercase: did you mean {name.Text.ToLowerInvariant()}(...)?" : null;
            throw Fail(name, Expected.LeftFunction, hint);
        }
        Next(); // '('

        var argument = Peek();
        if (argument.Kind != TokenKind.LBracket)
        {
            var hint = argument is { Kind: TokenKind.Word, Text: "len" or "has" } ? "functions cannot be nested" : null;
            throw Fail(argument, Expected.FunctionArgument, hint);
        }
        var inner = ParsePlaceholder();
        if (name.Text == "len" && inner.Type is not (OperandType.Text or OperandType.List or OperandType.Dynamic))
        {
            throw new ConditionParseException(_index, _text, argument.Position, Expected.FunctionArgument,
                Quote(_text[argument.Position.._lastEnd]), $"len() measures text, lists and JSON; {inner.Display} is {TypeName(inner.Type)}");
        }

        var close = Next();
        if (close.Kind != TokenKind.RParen) throw Fail(close, Expected.CloseParen);
        return name.Text == "len" ? new LenOperand(inner) : new HasOperand(inner);
    }

    private Operand ParsePlaceholder()
    {
        var open = Next(); // '['
        var name = Peek();
        if (name.Kind == TokenKind.Word) Next();
        var closeFollows = Peek().Kind == TokenKind.RBracket;

        if (name.Kind != TokenKind.Word || !Placeholders.TryGet(name.Text, out var placeholder, out var type))
        {
            var end = closeFollows ? Peek().End : Math.Max(_lastEnd, open.End);
            var hint = name.Kind == TokenKind.Word && Placeholders.CaseInsensitiveMatch(name.Text) is { } real
                ? $"placeholders are uppercase: did you mean [{real}]?"
                : null;
            throw new ConditionParseException(_index, _text, open.Position, Expected.KnownPlaceholder, Quote(_text[open.Position..end]), hint);
        }

        var close = Next();
        if (close.Kind != TokenKind.RBracket) throw Fail(close, Expected.CloseBracket);

        return placeholder switch
        {
            Placeholder.Body => ParseBodyPath(),
            Placeholder.Headers => ParseHeaderName(),
            _ => new PlaceholderOperand(placeholder, type),
        };
    }

    /// <summary>After [BODY]: <c>.key</c>, <c>[0]</c> and <c>["odd key"]</c> segments, written without spaces.</summary>
    private Operand ParseBodyPath()
    {
        var segments = new List<PathSegment>();
        var path = new StringBuilder();
        while (true)
        {
            var t = Peek();
            if (t.Position != _lastEnd) break; // a space ends the path
            if (t.Kind == TokenKind.Word && t.Text[0] == '.')
            {
                Next();
                // One word can hold several keys: ".a.b.c".
                for (var dot = 0; dot < t.Text.Length;)
                {
                    var next = t.Text.IndexOf('.', dot + 1);
                    if (next < 0) next = t.Text.Length;
                    var key = t.Text[(dot + 1)..next];
                    if (key.Length == 0)
                    {
                        var found = next < t.Text.Length ? "'.'" : Describe(Peek());
                        throw new ConditionParseException(_index, _text, t.Position + dot + 1, Expected.FieldName, found);
                    }
                    segments.Add(new PathSegment(key, 0));
                    if (path.Length > 0) path.Append('.');
                    path.Append(key);
                    dot = next;
                }
            }
            else if (t.Kind == TokenKind.LBracket)
            {
                Next();
                var inside = Next();
                if (inside.Kind == TokenKind.Word && int.TryParse(inside.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(new PathSegment(null, index));
                    path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else if (inside.Kind == TokenKind.String)
                {
                    segments.Add(new PathSegment(inside.Text, 0));
                    path.Append("[\"").Append(inside.Text).Append("\"]");
                }
                else
                {
                    throw Fail(inside, Expected.ArrayIndex);
                }
                var close = Next();
                if (close.Kind != TokenKind.RBracket) throw Fail(close, Expected.CloseBracket);
            }
            else
            {
                break;
            }
        }
        return segments.Count == 0
            ? new PlaceholderOperand(Placeholder.Body, OperandType.Text)
            : new BodyPathOperand([.. segments], path.ToString());
    }

    private HeaderOperand ParseHeaderName()
    {
        var t = Peek();
        if (t.Kind != TokenKind.Word || t.Position != _lastEnd || t.Text[0] != '.') throw Fail(t, Expected.HeaderName);
        Next();
        if (t.Text.Length == 1) throw new ConditionParseException(_index, _text, t.End, Expected.HeaderName, Describe(Peek()));
        return new HeaderOperand(t.Text[1..]);
    }

    private ConditionParseException OperatorError(Token found, Operand left, int leftEnd)
    {
        string? hint = null;
        if (found.Kind == TokenKind.Invalid)
        {
            hint = found.Text == "=" ? "did you mean '=='?" : "did you mean '!='?";
        }
        else if (found.Kind == TokenKind.LBracket || found is { Kind: TokenKind.Word, Text: ['.', ..] })
        {
            var touches = found.Position == leftEnd;
            var isBody = left is BodyPathOperand || left.Display == "[BODY]";
            hint = (isBody, touches) switch
            {
                (false, true) => "only [BODY] and [HEADERS] take a path",
                (true, false) => "a [BODY] path cannot contain spaces",
                _ => null,
            };
        }
        return Fail(found, Expected.Operator, hint);
    }

    // ---- tokens and errors ----

    private Token Peek() => _lexer.Peek();

    private Token Next()
    {
        var t = _lexer.Next();
        if (t.Kind != TokenKind.End) _lastEnd = t.End;
        return t;
    }

    private ConditionParseException Fail(Token found, string expected, string? hint = null) =>
        new(_index, _text, found.Position, expected, Describe(found), hint);

    private string Describe(Token t) =>
        t.Kind == TokenKind.End ? ConditionParseException.EndOfCondition : Quote(_text.Substring(t.Position, t.Length));

    private static string Quote(string s) => "'" + (s.Length <= MaxFoundChars ? s : s[..(MaxFoundChars - 1)] + "…") + "'";
}
