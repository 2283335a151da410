using System.Globalization;
using System.Text.RegularExpressions;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Types plain YAML scalars by the YAML 1.2 core schema, restricted to what JSON can carry: null (~, null, empty),
/// booleans (true/false in any of the three casings), decimal integers and JSON-shaped floats. Everything else,
/// YAML 1.1's yes/no and hex/octal included, stays a string: quote a value to force a string anyway.
/// </summary>
internal static partial class ScalarTypes
{
    public static DocKind Classify(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return DocKind.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE": return DocKind.Bool;
        }
        var c = text[0];
        if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.')) return DocKind.String;
        return Integer().IsMatch(text) || JsonNumber().IsMatch(text) ? DocKind.Number : DocKind.String;
    }

    /// <summary>A number's JSON text: "+5" and "007" become "5" and "7"; JSON-shaped text is kept as written.</summary>
    public static string ToJsonNumber(string text) =>
        JsonNumber().IsMatch(text)
            ? text
            : decimal.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    public static bool IsTrue(string text) => text is "true" or "True" or "TRUE";

    [GeneratedRegex("^[-+]?[0-9]{1,28}$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
