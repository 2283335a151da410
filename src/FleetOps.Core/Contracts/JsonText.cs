using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace FleetOps.Core.Contracts;

/// <summary>
/// Whether JSON is text that System.Text.Json can read back as strings: its bytes are UTF-8 and its <c>\u</c> escapes
/// make whole characters (no half of a surrogate pair). The reader checks neither until a string is read, and then
/// throws <see cref="InvalidOperationException"/>, not <see cref="JsonException"/>: every reader of outside JSON asks
/// here first. One pass; only escaped strings are decoded.
/// </summary>
public static class JsonText
{
    /// <summary>Null when the text is sound (or not JSON at all, which the reader reports); else what is wrong and where.</summary>
    public static string? Problem(ReadOnlySpan<byte> json, JsonReaderOptions options = default)
    {
        if (!Utf8.IsValid(json)) return $"is not UTF-8 text: byte {FirstInvalidByte(json) + 1} does not begin a UTF-8 character";
        var reader = new Utf8JsonReader(json, options);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped) continue;
                try
                {
                    reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    var what = reader.TokenType == JsonTokenType.PropertyName ? "key" : "string";
                    return $"the {what} at byte {reader.TokenStartIndex + 1} has a \\u escape that is not a character (half of a surrogate pair)";
                }
            }
        }
        catch (JsonException)
        {
            // Not well-formed: the caller's reader says where.
        }
        return null;
    }

    private static long FirstInvalidByte(ReadOnlySpan<byte> json)
    {
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(json);
            return 0;
        }
        catch (DecoderFallbackException e)
        {
            return e.Index;
        }
    }
}
