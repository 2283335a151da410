using FleetOps.Core.Checks;

namespace FleetOps.Core.Tests.Checks;

/// <summary>
/// A tcp check's answer is matched as it arrives. What is found does not depend on how the peer cut its answer, and
/// what matching costs does not depend on it either: a peer sending one byte at a time costs no more than one sending
/// it all at once, give or take a constant (hardening review: it used to re-match the whole text after every read).
/// </summary>
public sealed class ExpectScanTests
{
    private const int Max = 64 * 1024;

    private static ExpectScan Scan(string expect) => new(ExpectMatcher.Create(expect), Max);

    /// <summary>Feeds <paramref name="text"/> in chunks of <paramref name="size"/>; true as soon as one matched, else what Finish says.</summary>
    private static bool Feed(ExpectScan scan, string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
            if (scan.Append(text.AsSpan(i, Math.Min(size, text.Length - i)))) return true;
        return scan.Finish();
    }

    public static TheoryData<string, string, bool> Answers => new()
    {
        { "READY", "220 mail ESMTP\r\n250 READY\r\n", true },
        { "READY", "220 mail ESMTP\r\n250 REA", false },
        { "état: prêt", "... état: prêt\n", true },
        { "aab", "aaaaaaaab", true },               // the overlap: "aa" of one chunk, "b" of the next
        { "abab", "abaabab", true },
        { "/^SSH-\\d\\.\\d-/", "SSH-2.0-OpenSSH_9.6\r\n", true },
        { "/^SSH-/", "x SSH-2.0\r\n", false },      // ^ is the start of the answer, not of a chunk
        { "/250 [A-Z]+\\r\\n$/", "220 x\r\n250 READY\r\n", true },
        { "/OK.*DONE/", "OK then a lot of text and finally DONE", true },
        { "/a+b/", new string('a', 5000), false },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void What_matches_does_not_depend_on_how_the_answer_was_cut(string expect, string answer, bool matches)
    {
        foreach (var size in new[] { 1, 2, 3, 7, 64, answer.Length })
            Assert.True(Feed(Scan(expect), answer, size) == matches, $"chunks of {size}");
    }

    [Fact]
    public void A_match_is_seen_at_the_chunk_that_completes_it()
    {
        var scan = Scan("PONG");
        Assert.False(scan.Append("+PO"));
        Assert.True(scan.Append("NG\r\n"));
        Assert.Equal("+PONG\r\n", scan.Text);
    }

    [Fact]
    public void Text_beyond_the_limit_is_dropped()
    {
        var scan = new ExpectScan(ExpectMatcher.Create("x"), 4);
        Assert.False(scan.Append("abc"));
        Assert.False(scan.Append("dex"));
        Assert.Equal("abcd", scan.Text);
    }

    [Theory]
    [InlineData("READY")]
    [InlineData("/READY\\r\\n/")]
    [InlineData("/a+b/")]        // quadratic for a backtracking engine on a run of 'a's, every time it is asked
    [InlineData("/(a|aa)+$x/")]
    public void A_peer_sending_one_byte_at_a_time_costs_about_what_one_sending_it_at_once_does(string expect)
    {
        var answer = new string('a', Max);
        ExpectMatcher.Create(expect).IsMatch("warm up"); // the first match compiles; not what is measured

        var scan = Scan(expect);
        var matched = true;
        var cpu = ThreadCpu.Of(() => matched = Feed(scan, answer, 1));

        Assert.False(matched);
        Assert.Equal(Max, scan.Length);
        Assert.True(scan.Examined <= (ExpectScan.ExtraPasses + 3L) * Max, $"{expect}: examined {scan.Examined} characters");
        // A few passes over 64 KiB take milliseconds; matching the whole text after each of 65,536 bytes took seconds.
        Assert.True(cpu < TimeSpan.FromMilliseconds(400), $"{expect}: {cpu.TotalMilliseconds:0} ms of CPU for 64 KiB sent a byte at a time");
    }

    [Fact]
    public void All_at_once_one_pass_suffices()
    {
        var scan = Scan("/a+b/");
        Assert.False(scan.Append(new string('a', Max)));
        Assert.False(scan.Finish());
        Assert.Equal(Max, scan.Examined);
    }

    [Theory]
    [InlineData(@"/(a)\1/", "backtracking")]
    [InlineData("/(?=a)a/", "backtracking")]
    [InlineData("/(?<!x)a/", "backtracking")]
    [InlineData("/(?>a+)b/", "backtracking")]
    [InlineData("/a(/", "not a valid regular expression")]
    public void Patterns_that_need_backtracking_are_refused_with_why(string expect, string expected)
    {
        Assert.False(ExpectMatcher.TryCreate(expect, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_refused_pattern_is_quoted_cut()
    {
        var pattern = "(?=" + new string('a', 1000) + ")";
        Assert.False(ExpectMatcher.TryCreate($"/{pattern}/", out _, out var error));
        Assert.DoesNotContain(pattern, error);
    }
}
