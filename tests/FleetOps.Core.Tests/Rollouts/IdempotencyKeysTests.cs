using System.Text;
using FleetOps.Core.Checks;
using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Tests.Rollouts;

public sealed class IdempotencyKeysTests
{
    [Theory]
    [InlineData("web-01.example.com")]
    [InlineData("db_2")]
    [InlineData("Node~7")]
    public void Plain_names_read_as_they_are(string node)
    {
        Assert.Equal($"run-1/{node}", IdempotencyKeys.For("run-1", node, rollback: false));
        Assert.Equal($"run-1/{node}/rollback", IdempotencyKeys.For("run-1", node, rollback: true));
    }

    private static readonly string[] AwkwardNames =
    [
        "nodé", "a\r\nb", "a\nX-Evil: 1", "tab\there", "nul\0", "日本語", "😀", "sp ace", "quote\"", "pct%41", "hash#sha256:00",
        "slash/rollback", "x/y", "colon:1", "[::1]", new string('n', 8193), new string('é', 5000), "\u007f", "\u0085",
    ];

    public static TheoryData<string> Awkward => new(AwkwardNames);

    [Theory]
    [MemberData(nameof(Awkward))]
    public void Any_name_makes_a_valid_bounded_header_value(string node)
    {
        foreach (var rollback in new[] { false, true })
        {
            var key = IdempotencyKeys.For("run-1", node, rollback);
            Assert.Null(HttpTokens.CheckValue(key));
            Assert.All(key, c => Assert.InRange(c, '!', '~'));
            Assert.True(key.Length <= "run-1/".Length + IdempotencyKeys.HashPrefix.Length + 64 + "/rollback".Length, $"{key.Length} characters");
            // One slash after the run id, plus the rollback suffix: a name cannot pose as another node's rollback key.
            Assert.Equal(rollback ? 3 : 2, key.Split('/').Length);
        }
    }

    [Fact]
    public void Encoding_is_one_to_one_over_awkward_names()
    {
        var names = AwkwardNames.Concat(["pctA", "pct%2541", "slash", "nod%C3%A9", "a", "A", "a ", "a\n", "a\r\n"])
            .Concat(Enumerable.Range(0, 2000).Select(i => RandomName(new Random(i)))).Distinct(StringComparer.Ordinal).ToList();
        var keys = names.Select(IdempotencyKeys.EncodeNode).ToList();
        Assert.Equal(names.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("nod%C3%A9", IdempotencyKeys.EncodeNode("nodé"));
        Assert.Equal("pct%2541", IdempotencyKeys.EncodeNode("pct%41"));
        Assert.Equal("slash%2Frollback", IdempotencyKeys.EncodeNode("slash/rollback"));
    }

    [Fact]
    public void Long_names_are_hashed_and_still_distinct()
    {
        var a = new string('n', 8193);
        var b = new string('n', 8192) + "m";
        Assert.StartsWith(IdempotencyKeys.HashPrefix, IdempotencyKeys.EncodeNode(a));
        Assert.NotEqual(IdempotencyKeys.EncodeNode(a), IdempotencyKeys.EncodeNode(b));
        Assert.Equal(IdempotencyKeys.EncodeNode(a), IdempotencyKeys.EncodeNode(new string('n', 8193)));
        var longest = new string('x', IdempotencyKeys.MaxEncodedName);
        Assert.Equal(longest, IdempotencyKeys.EncodeNode(longest));
    }

    private static string RandomName(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(1, 40);
        for (var i = 0; i < length; i++)
            text.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(32, 127),
                2 => (char)random.Next(0xA0, 0x3000),
                _ => "%/#é"[random.Next(4)],
            });
        return text.ToString();
    }
}
