using System.Text;
using CsCheck;

namespace FleetOps.Testing.Fuzz;

/// <summary>Strings that break things: control characters, lone surrogates, case-folding traps, huge repeats, and values valid elsewhere.</summary>
public static class StringMutator
{
    /// <summary>Characters and snippets parsers, encoders and case-insensitive comparisons trip over.</summary>
    public static readonly string[] Specials =
    [
        "\0", "\u0001", "\u001f", "\u007f", "\u0085", "\u00a0", "\u2028", "\u2029", "\u202e", "\u200b", "\ufeff", "\ufffd", "\uffff",
        "\ud800", "\udc00", "\ud83d\ude00", "e\u0301", "é", "ß", "İ", "ı", "ſ", "\u212a", "\t", "\n", "\r\n", "'", "\"", "\\", "{{",
        "}}", "{{labels.", "%", "%00", "%2F", "../", "<script>", "${x}", ",", "=", "==", "(", ")", "!", "*", "[", "]", ":", ";", "#",
        "?", "&", "/", " ", "-", "_", ".", "@", "\\u0000", "\u3000", "０", "٣",
    ];

    /// <summary>Values that are valid in some field of some request: put in the wrong field, or the right one.</summary>
    public static readonly string[] Pool =
    [
        "tcp", "http", "https", "dns", "tls", "icmp", "grpc", "halt", "rollback", "none", "before-first", "after-canary", "every-wave",
        "10%", "101%", "-5%", "0%", "0", "1", "-1", "50%", "%", "1.5", "{{address}}", "{{host}}:{{port}}", "{{labels.group}}", "{{nope}}",
        "http://{{address}}/x", "http://127.0.0.1:1/", "https://[::1]:1/", "ftp://127.0.0.1/", "http://", "//x", "127.0.0.1:1",
        "127.0.0.1:0", "127.0.0.1:65536", "[::1]:1", "[::1]", "::1", "10.0.0.1", "localhost:1", "a b", "..", ".", "GET", "POST", "G E T",
        "[STATUS] == 200", "[BODY].x == pat(*)", "len([BODY]) > 0", "[RESPONSE_TIME] < 300", "[CERTIFICATE_EXPIRATION] > 48h",
        "[STATUS] = 200", "[DNS_RCODE] == NOERROR", "group=web", "env in (a,b)", "!tier", "env notin (dev)", "A", "AAAA", "MX", "TXT",
        "native", "file-sd", "ansible-ini", "ansible-yaml", "json", "markdown", "html", "previous", "Running", "Completed", "true", "null",
    ];

    public static string Special(FuzzRandom r) => r.Pick(Specials);

    /// <summary>A changed copy of <paramref name="text"/>, and what was done to it.</summary>
    public static (string Text, string What) Mutate(FuzzRandom r, string text, FuzzLimits limits)
    {
        switch (r.Next(11))
        {
            case 0:
                return (new string(text.Select(c => r.Chance(0.5) ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray()), "case");
            case 1:
                return (Typo(r, text), "typo");
            case 2:
                return (Insert(r, text, Special(r)), "special");
            case 3:
                return (Insert(r, text, string.Concat(Enumerable.Range(0, r.Between(2, 8)).Select(_ => Special(r)))), "specials");
            case 4:
                return (Huge(r, limits), "huge");
            case 5:
                return (r.Pick(["", " ", "\t", "\u00a0", "  " + text + "  "]), "blank");
            case 6:
                return (r.Pick(Pool), "pool");
            case 7:
                return (r.From(Gen.String[0, 40]), "random");
            case 8:
                return (text + text, "doubled");
            case 9:
                return (r.From(Gen.String[Gen.Char[(char)0, (char)0xffff], 1, 20]), "any-chars");
            default:
                return (Insert(r, text, new string(r.Pick(Specials)[0], r.LogSize(2, 500))), "run");
        }
    }

    /// <summary>From 1,000 characters up to the limit, of one kind: letters, escapes that grow when quoted, emoji, controls.</summary>
    public static string Huge(FuzzRandom r, FuzzLimits limits)
    {
        var length = r.LogSize(1_000, limits.MaxHugeChars);
        var unit = r.Pick(["x", "\"", "\\", "\u0001", "\ud83d\ude00", "é", "%", "{{", ",", "a=b,"]);
        var sb = new StringBuilder(length + unit.Length);
        while (sb.Length < length) sb.Append(unit);
        return sb.ToString();
    }

    private static string Typo(FuzzRandom r, string text)
    {
        if (text.Length == 0) return "x";
        var i = r.Next(text.Length);
        return r.Next(3) switch
        {
            0 => text.Remove(i, 1),
            1 => text.Insert(i, ((char)('a' + r.Next(26))).ToString()),
            _ => text[..i] + (char)('a' + r.Next(26)) + text[(i + 1)..],
        };
    }

    private static string Insert(FuzzRandom r, string text, string what) => text.Insert(r.Next(text.Length + 1), what);
}
