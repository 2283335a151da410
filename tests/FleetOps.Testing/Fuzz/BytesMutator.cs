using System.Text;

namespace FleetOps.Testing.Fuzz;

/// <summary>Breaks a body below the level of its syntax: truncation, random bytes, invalid UTF-8, BOMs, comments, stray commas, NULs.</summary>
public static class BytesMutator
{
    private static readonly byte[][] InvalidUtf8 =
    [
        [0xC3, 0x28], [0xFF], [0xFE], [0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ];

    public static (byte[] Bytes, string What) Mutate(FuzzRandom r, byte[] body, FuzzLimits limits)
    {
        switch (r.Next(12))
        {
            case 0:
                var keep = r.Next(Math.Max(1, body.Length));
                return (body[..keep], $"truncated at byte {keep} of {body.Length}");
            case 1:
                return (r.Bytes(r.LogSize(1, 4096)), "random bytes");
            case 2:
            {
                var copy = (byte[])body.Clone();
                var flips = r.Between(1, 8);
                for (var i = 0; i < flips && copy.Length > 0; i++) copy[r.Next(copy.Length)] ^= (byte)(1 << r.Next(8));
                return (copy, $"{flips} bits flipped");
            }
            case 3:
                return (Insert(r, body, r.Bytes(r.Between(1, 64))), "random bytes inserted");
            case 4:
                return (Insert(r, body, r.Pick(InvalidUtf8)), "invalid UTF-8 inserted");
            case 5:
                return ([0xEF, 0xBB, 0xBF, .. body], "BOM");
            case 6:
                return ([.. body, .. Encoding.UTF8.GetBytes(r.Pick(["}", "]", ",", "x", "\0", " {}", "\n{}", "garbage", "\"", "null"]))], "trailing text");
            case 7:
                return (Insert(r, body, Encoding.UTF8.GetBytes(r.Pick(["/* c */", "// c\n", "#c\n"]))), "comment");
            case 8:
                return (Replace(body, "}", ",}"), "trailing comma");
            case 9:
                return (Replace(body, "\"", "'"), "single quotes");
            case 10:
            {
                var spaces = Encoding.ASCII.GetBytes(new string(r.Pick([' ', '\n', '\t', '\r']), r.LogSize(1, Math.Min(limits.MaxHugeChars, 200_000))));
                return (r.Chance(0.5) ? [.. spaces, .. body] : [.. body, .. spaces], "whitespace");
            }
            default:
                return ([], "empty");
        }
    }

    private static byte[] Insert(FuzzRandom r, byte[] body, byte[] what)
    {
        var at = r.Next(body.Length + 1);
        return [.. body[..at], .. what, .. body[at..]];
    }

    /// <summary>Replaces the first occurrence only: a stray comma or quote somewhere, not everywhere.</summary>
    private static byte[] Replace(byte[] body, string what, string with)
    {
        var text = Encoding.UTF8.GetString(body);
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? body : Encoding.UTF8.GetBytes(text[..at] + with + text[(at + what.Length)..]);
    }
}
