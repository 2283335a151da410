using System.Text;

namespace FleetOps.Testing.Fuzz;

/// <summary>
/// Mutates line-oriented text (INI and YAML inventories): lines dropped, repeated, swapped, re-indented or replaced by
/// lines that probe the parsers' limits (huge ranges, cycles, alias bombs, deep nesting, odd tokens).
/// </summary>
public static class LineMutator
{
    public static (string Text, string What) Mutate(FuzzRandom r, string text, FuzzLimits limits, int edits)
    {
        var lines = text.Split('\n').ToList();
        var applied = new List<string>();
        for (var e = 0; e < edits; e++)
        {
            var i = r.Next(lines.Count);
            switch (r.Next(9))
            {
                case 0:
                    if (lines.Count > 1) lines.RemoveAt(i);
                    applied.Add($"drop line {i}");
                    break;
                case 1:
                {
                    var times = r.LogSize(1, limits.MaxRepeat);
                    lines.InsertRange(i, Enumerable.Repeat(lines[i], times));
                    applied.Add($"repeat line {i} {times} times");
                    break;
                }
                case 2:
                {
                    var j = r.Next(lines.Count);
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    applied.Add($"swap lines {i} and {j}");
                    break;
                }
                case 3:
                    lines[i] = new string(r.Pick([' ', '\t']), r.LogSize(1, 400)) + lines[i].TrimStart();
                    applied.Add($"indent line {i}");
                    break;
                case 4:
                {
                    var (line, what) = StringMutator.Mutate(r, lines[i], limits);
                    lines[i] = line;
                    applied.Add($"line {i} ({what})");
                    break;
                }
                default:
                {
                    var nasty = Nasty(r, limits);
                    lines.Insert(i, nasty);
                    applied.Add($"insert at {i}: {(nasty.Length <= 60 ? nasty : nasty[..60] + "…")}");
                    break;
                }
            }
        }
        return (string.Join(r.Chance(0.9) ? "\n" : "\r\n", lines), string.Join("; ", applied));
    }

    /// <summary>Lines that reach for a parser's limits: every range stays within <see cref="FuzzLimits.MaxRange"/> hosts unless it is meant to be refused.</summary>
    private static string Nasty(FuzzRandom r, FuzzLimits limits)
    {
        var n = r.LogSize(2, limits.MaxRange);
        return r.Next(30) switch
        {
            0 => $"h[1:{n}].test",
            1 => $"h[0:99999999999999].test",
            2 => $"h[1:{(int)Math.Sqrt(n)}][1:{(int)Math.Sqrt(n)}]",
            3 => "h[a:z][a:z][a:z][a:z][a:z][a:z]",
            4 => "h[5:1]",
            5 => $"h[1:{n}:0]",
            6 => "h[1:5:-1]",
            7 => "h[:]",
            8 => "[a:children]\nb\n[b:children]\na",
            9 => "[web:children]\nweb",
            10 => "[]",
            11 => "[",
            12 => "=",
            13 => "x ansible_port=99999999999 ansible_host=",
            14 => "x ansible_host=[::1] ansible_port=-1",
            15 => "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
            16 => "key: *undefined",
            17 => "<<: *a",
            18 => "? [complex, key]\n: value",
            19 => "%YAML 1.1\n---",
            20 => "---\n---\n...",
            21 => "!!binary aGVsbG8=",
            22 => "x: !!python/object:os.system [ls]",
            23 => new string('[', r.LogSize(10, limits.MaxDepth)),
            24 => string.Concat(Enumerable.Repeat("- ", r.LogSize(10, limits.MaxDepth))) + "x",
            25 => "\t- tab: indented",
            26 => "{",
            27 => "hosts: {a: {ansible_host: 127.0.0.1}, a: {ansible_host: 127.0.0.2}}",
            28 => $"{new string('x', r.LogSize(100, limits.MaxHugeChars))} ansible_port=1",
            _ => $"g{n}:\n  hosts:\n    h[1:{n}]:",
        };
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
