using FleetOps.Core.Conditions;
using static FleetOps.Core.Tests.Conditions.ConditionKit;

namespace FleetOps.Core.Tests.Conditions;

public sealed class ParseErrorTests
{
    private const string Operator = "an operator (==, !=, <, <=, >, >=)";
    private const string Known = "a known placeholder ([CONNECTED], [STATUS], [RESPONSE_TIME], [BODY], [HEADERS], [CERTIFICATE_EXPIRATION], "
        + "[CERTIFICATE_CHAIN_VALID], [CERTIFICATE_HOSTNAME_VALID], [TLS_VERSION], [DNS_RCODE], [DNS_ANSWERS], [IP], "
        + "[GRPC_STATUS], [PACKET_LOSS], [RTT_MIN], [RTT_AVG], [RTT_MAX])";
    private const string Value = "a value";
    private const string End = "the end of the condition";
    private const string LeftSide = "a placeholder such as [STATUS], or len(...) / has(...)";
    private const string Argument = "a placeholder, e.g. len([BODY].data)";

    [Theory]
    // missing or wrong operator
    [InlineData("[STATUS] = 200", 9, Operator)]
    [InlineData("[STATUS] 200", 9, Operator)]
    [InlineData("[STATUS]", 8, Operator)]
    [InlineData("[STATUS] =< 200", 9, Operator)]
    [InlineData("[STATUS] ! 200", 9, Operator)]
    [InlineData("[STATUS]] == 200", 8, Operator)]
    [InlineData("[STATUS].code == 200", 8, Operator)]
    [InlineData("[BODY] .status == UP", 7, Operator)]
    // missing right side
    [InlineData("[STATUS] ==", 11, Value)]
    [InlineData("[STATUS] == ", 12, Value)]
    [InlineData("[STATUS] === 200", 11, Value)]
    [InlineData("[STATUS] == [STATUS]", 12, Value)]
    [InlineData("[STATUS] == any()", 16, Value)]
    [InlineData("[BODY] == )", 10, Value)]
    // unknown placeholder
    [InlineData("[FOO] == 1", 0, Known)]
    [InlineData("[status] == 200", 0, Known)]
    [InlineData("[DOMAIN_EXPIRATION] > 720h", 0, Known)]
    [InlineData("[BODY.status] == UP", 0, Known)]
    [InlineData("[] == 1", 0, Known)]
    [InlineData("len([NOPE]) > 0", 4, Known)]
    // unbalanced brackets and parentheses
    [InlineData("[STATUS", 7, "']'")]
    [InlineData("[STATUS == 200", 8, "']'")]
    [InlineData("[BODY].a[0 == 1", 11, "']'")]
    [InlineData("len([BODY] > 0", 11, "')'")]
    [InlineData("has([BODY]", 10, "')'")]
    [InlineData("[BODY] == pat(*UP*", 18, "')'")]
    [InlineData("[BODY] == pat(a, b)", 15, "')'")]
    [InlineData("[STATUS] == any(200, 201", 24, "',' or ')'")]
    [InlineData("[STATUS] == any(200 201)", 20, "',' or ')'")]
    [InlineData("[STATUS] == 200)", 15, End)]
    // unterminated quote: expected where the closing quote should be
    [InlineData("[BODY] == \"abc", 14, "a closing '\"'")]
    [InlineData("[BODY] == \"abc\\\"", 16, "a closing '\"'")]
    [InlineData("[BODY] == any(\"a, b)", 20, "a closing '\"'")]
    // unknown function
    [InlineData("foo([BODY]) > 0", 0, "a function on the left side: len(...) or has(...)")]
    [InlineData("pat([BODY]) == x", 0, "a function on the left side: len(...) or has(...)")]
    [InlineData("[BODY] == foo(x)", 10, "a function on the right side: pat(...) or any(...)")]
    [InlineData("[BODY] == len(x)", 10, "a function on the right side: pat(...) or any(...)")]
    // trailing garbage
    [InlineData("[STATUS] == 200 OK", 16, End)]
    [InlineData("[STATUS] ==200 OK", 15, End)]
    [InlineData("[BODY].status == ALL GOOD", 21, End)]
    [InlineData("[BODY] == a=b", 11, End)]
    [InlineData("[BODY] == \"a\"b", 13, End)]
    // left side
    [InlineData("STATUS == 200", 0, LeftSide)]
    [InlineData("200 == [STATUS]", 0, LeftSide)]
    [InlineData("== 200", 0, LeftSide)]
    [InlineData("\"[STATUS]\" == 200", 0, LeftSide)]
    [InlineData("len(len([BODY])) > 0", 4, Argument)]
    [InlineData("has() == true", 4, Argument)]
    [InlineData("len([STATUS]) > 0", 4, Argument)]
    [InlineData("len(x) > 0", 4, Argument)]
    // paths
    [InlineData("[BODY]. == 1", 7, "a field name after '.'")]
    [InlineData("[BODY].a..b == 1", 9, "a field name after '.'")]
    [InlineData("[BODY].a. == 1", 9, "a field name after '.'")]
    [InlineData("[BODY].a[x] == 1", 9, "an array index (0, 1, 2, ...) or a quoted field name")]
    [InlineData("[BODY].a[-1] == 1", 9, "an array index (0, 1, 2, ...) or a quoted field name")]
    [InlineData("[BODY][] == 1", 7, "an array index (0, 1, 2, ...) or a quoted field name")]
    [InlineData("[BODY][99999999999] == 1", 7, "an array index (0, 1, 2, ...) or a quoted field name")]
    [InlineData("[HEADERS] == x", 10, "'.' and a header name, e.g. [HEADERS].Content-Type")]
    [InlineData("[HEADERS]. == x", 10, "'.' and a header name, e.g. [HEADERS].Content-Type")]
    [InlineData("[HEADERS] .X == x", 10, "'.' and a header name, e.g. [HEADERS].Content-Type")]
    // the placeholder's type against the operator and the literal
    [InlineData("[STATUS] == UP", 12, "a number")]
    [InlineData("[STATUS] < 1h", 11, "a number")]
    [InlineData("[STATUS] == any(200, OK)", 21, "a number")]
    [InlineData("[STATUS] < pat(2*)", 11, "a number")]
    [InlineData("len([BODY]) > some", 14, "a number")]
    [InlineData("[CONNECTED] == yes", 15, "true or false")]
    [InlineData("[CONNECTED] == pat(t*)", 15, "true or false")]
    [InlineData("has([BODY].a) == 1", 17, "true or false")]
    [InlineData("[BODY] > 5", 7, "an equality operator (== or !=)")]
    [InlineData("[CONNECTED] >= true", 12, "an equality operator (== or !=)")]
    [InlineData("[DNS_ANSWERS] < 3", 14, "an equality operator (== or !=)")]
    [InlineData("[CERTIFICATE_EXPIRATION] > 48x", 27, "a duration (e.g. 48h, 30m, 1h30m, 2d) or a number of milliseconds")]
    [InlineData("[CERTIFICATE_EXPIRATION] > 48H", 27, "a duration (e.g. 48h, 30m, 1h30m, 2d) or a number of milliseconds")]
    [InlineData("[CERTIFICATE_EXPIRATION] > h", 27, "a duration (e.g. 48h, 30m, 1h30m, 2d) or a number of milliseconds")]
    [InlineData("[CERTIFICATE_EXPIRATION] > 1e3", 27, "a duration (e.g. 48h, 30m, 1h30m, 2d) or a number of milliseconds")]
    [InlineData("[RESPONSE_TIME] < fast", 18, "a number of milliseconds or a duration (e.g. 300, 500ms, 2s)")]
    [InlineData("[RESPONSE_TIME] < NaN", 18, "a number of milliseconds or a duration (e.g. 300, 500ms, 2s)")]
    [InlineData("[RESPONSE_TIME] == pat(1*)", 19, "a number of milliseconds or a duration (e.g. 300, 500ms, 2s)")]
    [InlineData("[BODY].n > high", 11, "a number or a duration (only numbers and durations can be ordered)")]
    [InlineData("[BODY].n > any(1, 2)", 11, "a number or a duration (only numbers and durations can be ordered)")]
    // empty
    [InlineData("", 0, "a condition, e.g. [STATUS] == 200")]
    [InlineData("   ", 0, "a condition, e.g. [STATUS] == 200")]
    [InlineData(null, 0, "a condition, e.g. [STATUS] == 200")]
    public void Names_the_position_and_the_expected_token(string? condition, int position, string expected)
    {
        var e = ParseError(condition);
        Assert.Equal((0, position, expected), (e.Index, e.Position, e.Expected));
        Assert.StartsWith($"condition 0 '{condition}': at position {position}: expected {expected}, found ", e.Message);
        Assert.InRange(e.Position, 0, (condition ?? "").Length);
        Assert.IsAssignableFrom<FormatException>(e);
    }

    [Theory]
    [InlineData("[STATUS] = 200",
        "condition 0 '[STATUS] = 200': at position 9: expected an operator (==, !=, <, <=, >, >=), found '='; did you mean '=='?")]
    [InlineData("[STATUS] ==",
        "condition 0 '[STATUS] ==': at position 11: expected a value, found the end of the condition")]
    [InlineData("[status] == 200",
        "condition 0 '[status] == 200': at position 0: expected " + Known + ", found '[status]'; placeholders are uppercase: did you mean [STATUS]?")]
    [InlineData("[BODY] == \"abc",
        "condition 0 '[BODY] == \"abc': at position 14: expected a closing '\"', found the end of the condition; the string opened at position 10 is never closed")]
    [InlineData("[STATUS] == 200 OK",
        "condition 0 '[STATUS] == 200 OK': at position 16: expected the end of the condition, found 'OK'; quote a value that contains spaces, commas, brackets, parentheses or operator characters, e.g. \"two words\"")]
    [InlineData("[BODY] == foo(x)",
        "condition 0 '[BODY] == foo(x)': at position 10: expected a function on the right side: pat(...) or any(...), found 'foo'; quote text that contains parentheses")]
    [InlineData("[STATUS] == UP",
        "condition 0 '[STATUS] == UP': at position 12: expected a number, found 'UP'; [STATUS] is a number")]
    [InlineData("[BODY] > 5",
        "condition 0 '[BODY] > 5': at position 7: expected an equality operator (== or !=), found '>'; [BODY] is text; only numbers and durations can be ordered")]
    [InlineData("[STATUS].code == 200",
        "condition 0 '[STATUS].code == 200': at position 8: expected an operator (==, !=, <, <=, >, >=), found '.code'; only [BODY] and [HEADERS] take a path")]
    [InlineData("[BODY] .status == UP",
        "condition 0 '[BODY] .status == UP': at position 7: expected an operator (==, !=, <, <=, >, >=), found '.status'; a [BODY] path cannot contain spaces")]
    [InlineData("STATUS == 200",
        "condition 0 'STATUS == 200': at position 0: expected a placeholder such as [STATUS], or len(...) / has(...), found 'STATUS'; placeholders are written in brackets: did you mean [STATUS]?")]
    [InlineData("len([STATUS]) > 0",
        "condition 0 'len([STATUS]) > 0': at position 4: expected a placeholder, e.g. len([BODY].data), found '[STATUS]'; len() measures text, lists and JSON; [STATUS] is a number")]
    [InlineData("[BODY] == len(x)",
        "condition 0 '[BODY] == len(x)': at position 10: expected a function on the right side: pat(...) or any(...), found 'len'; len() goes on the left side, e.g. len([BODY].data) > 0")]
    [InlineData("",
        "condition 0 '': at position 0: expected a condition, e.g. [STATUS] == 200, found an empty condition")]
    public void Messages_are_precise_and_friendly(string condition, string message) =>
        Assert.Equal(message, ParseError(condition).Message);

    [Fact]
    public void Reports_the_first_bad_condition_by_index()
    {
        var e = Assert.Throws<ConditionParseException>(() =>
            ConditionSet.Parse(["[STATUS] == 200", "[STATUS] = 200", "[NOPE] == 1"]));
        Assert.Equal((1, 9), (e.Index, e.Position));
        Assert.StartsWith("condition 1 '[STATUS] = 200': at position 9: ", e.Message);
    }

    [Fact]
    public void TryParse_returns_the_error_instead_of_throwing()
    {
        Assert.False(ConditionSet.TryParse(["[CONNECTED] == true", "[BODY] =="], out var set, out var error));
        Assert.Null(set);
        Assert.NotNull(error);
        Assert.Equal((1, 9, "a value"), (error.Index, error.Position, error.Expected));

        Assert.True(ConditionSet.TryParse(["[CONNECTED] == true"], out set, out error));
        Assert.NotNull(set);
        Assert.Null(error);
        Assert.Equal(["[CONNECTED] == true"], set.Conditions);
    }

    [Fact]
    public void A_very_long_condition_is_shortened_in_the_message()
    {
        var condition = "[BODY] == " + new string('x', 500) + " y";
        var e = ParseError(condition);
        Assert.Equal(511, e.Position);
        Assert.Contains("…': at position 511: expected the end of the condition, found 'y'", e.Message);
        Assert.True(e.Message.Length < 500, e.Message);
    }
}
