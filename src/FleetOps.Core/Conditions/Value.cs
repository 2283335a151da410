using System.Globalization;
using System.Text.Json;

namespace FleetOps.Core.Conditions;

internal enum ValueKind
{
    /// <summary>The fact or path does not exist (null fact, missing header, missing JSON path). <c>has()</c> is false.</summary>
    Absent,
    /// <summary>The value cannot be judged at all (no body, body is not JSON, len() of a number). Even <c>has()</c> fails.</summary>
    Error,
    /// <summary>A JSON null.</summary>
    Null,
    Bool,
    Number,
    Milliseconds,
    Duration,
    Text,
    List,
    /// <summary>A JSON object or array.</summary>
    Json,
}

/// <summary>
/// A resolved left side. A struct with a few fields rather than a class hierarchy: one is made per condition per
/// attempt, thousands of times a sweep.
/// </summary>
internal readonly struct Value
{
    private Value(ValueKind kind, string? text = null, double number = 0, bool flag = false,
        TimeSpan duration = default, IReadOnlyList<string>? list = null, JsonElement json = default)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Flag = flag;
        Duration = duration;
        List = list;
        Json = json;
    }

    public ValueKind Kind { get; }

    /// <summary>Text, a number's text (as received for JSON), a JSON value's raw text, or the reason for Absent/Error.</summary>
    public string? Text { get; }
    public double Number { get; }

    /// <summary>The boolean for <see cref="ValueKind.Bool"/>; "compare ignoring case" for Text and List.</summary>
    public bool Flag { get; }
    public TimeSpan Duration { get; }
    public IReadOnlyList<string>? List { get; }
    public JsonElement Json { get; }

    public bool IgnoreCase => Flag && Kind is ValueKind.Text or ValueKind.List;
    public bool IsMissing => Kind is ValueKind.Absent or ValueKind.Error;

    public static Value Absent(string reason) => new(ValueKind.Absent, reason);
    public static Value Error(string reason) => new(ValueKind.Error, reason);
    public static Value JsonNull() => new(ValueKind.Null, "null");
    public static Value Of(bool b) => new(ValueKind.Bool, b ? "true" : "false", flag: b);
    public static Value Of(int n) => new(ValueKind.Number, n.ToString(CultureInfo.InvariantCulture), n);
    public static Value Of(double n, string text) => new(ValueKind.Number, text, n);
    public static Value OfMilliseconds(double ms) => new(ValueKind.Milliseconds, ms.ToString("0.###", CultureInfo.InvariantCulture), ms);
    public static Value Of(TimeSpan d) => new(ValueKind.Duration, DurationText.Format(d), duration: d);
    public static Value Of(string s, bool ignoreCase = false) => new(ValueKind.Text, s, flag: ignoreCase);
    public static Value Of(IReadOnlyList<string> list) => new(ValueKind.List, null, list: list);
    public static Value OfJson(JsonElement element) => new(ValueKind.Json, null, json: element);

    public bool AsBool => Flag;

    /// <summary>The text a pattern or a textual equality sees (lists are matched item by item, not through this).</summary>
    public string Scalar => Kind == ValueKind.Json ? Json.GetRawText() : Text ?? "";

    /// <summary>How the value is shown in <c>ConditionResult.Actual</c>.</summary>
    public string Display => Kind switch
    {
        ValueKind.List => "[" + string.Join(", ", List!) + "]",
        _ => Scalar,
    };
}
