namespace FleetOps.Core.Checks;

/// <summary>RFC 9110 syntax for what a check puts on the wire: method and header names are tokens; values hold no line breaks.</summary>
public static class HttpTokens
{
    public const int MaxHeaders = 50, MaxNameLength = 256, MaxValueLength = 8192, MaxMethodLength = 32;
    public const int MaxBodyLength = 64 * 1024;

    /// <summary>Framing and connection headers: the prober sets them (a request must not smuggle a second one).</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(
        ["Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer", "Proxy-Connection"],
        StringComparer.OrdinalIgnoreCase);

    public static bool IsToken(string text) => text.Length > 0 && text.All(IsTokenChar);

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    /// <summary>Null when the value may be sent; otherwise why not. CR or LF would end the header and start another (injection).</summary>
    public static string? CheckValue(string value)
    {
        if (value.Length > MaxValueLength) return $"is {value.Length} characters, more than {MaxValueLength}";
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\r' or '\n') return $"has a line break at position {i}: a header value is one line";
            if (c != '\t' && (c < 0x20 || c == 0x7F)) return $"has control character 0x{(int)c:X2} at position {i}";
            if (c > 0x7E) return $"has non-ASCII character '{c}' at position {i}";
        }
        return null;
    }
}
