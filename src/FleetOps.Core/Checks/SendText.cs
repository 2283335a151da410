using System.Text;

namespace FleetOps.Core.Checks;

/// <summary>A tcp check's Send as written in JSON or YAML, where "\r\n" is easier to type than the bytes: \r \n \t \\ are escapes.</summary>
public static class SendText
{
    public const int MaxLength = 4096;

    public static bool TryDecode(string text, out string decoded, out string? error)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\') { sb.Append(text[i]); continue; }
            if (i + 1 >= text.Length) { (decoded, error) = ("", $"ends with a lone '\\' at position {i}: write \\\\ for a backslash"); return false; }
            var next = text[++i];
            switch (next)
            {
                case 'r': sb.Append('\r'); break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case '\\': sb.Append('\\'); break;
                default:
                    (decoded, error) = ("", $"unknown escape '\\{next}' at position {i - 1}: use \\r, \\n, \\t or \\\\");
                    return false;
            }
        }
        (decoded, error) = (sb.ToString(), null);
        return true;
    }

    public static string Decode(string text) =>
        TryDecode(text, out var decoded, out var error) ? decoded : throw new FormatException($"send: {error}");
}
