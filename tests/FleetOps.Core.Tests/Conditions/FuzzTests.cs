using FleetOps.Core.Conditions;
using FleetOps.Core.Results;

namespace FleetOps.Core.Tests.Conditions;

/// <summary>Whatever an API user sends, parsing fails only with ConditionParseException, and evaluation never fails.</summary>
public sealed class FuzzTests
{
    private static readonly ProbeFacts[] Attempts =
    [
        new(),
        new()
        {
            Connected = true, Status = 200, ResponseTimeMs = double.NaN, Ip = "::1",
            Body = """{"a":{"b":[1,"2",true,null,{"c":[]}]},"s":"x*y","n":-0.0,"big":1e400}""",
            Headers = new Dictionary<string, string> { ["X"] = "y" },
            CertificateExpiration = TimeSpan.MinValue, CertificateChainValid = false, TlsVersion = "Tls12",
            DnsRcode = "NOERROR", DnsAnswers = ["a", ""],
        },
        new() { Body = "not json {", DnsAnswers = [] },
        new() { Body = "[" + new string('[', 200) + new string(']', 200) + "]", CertificateExpiration = TimeSpan.MaxValue },
    ];

    private static readonly string[] Fragments =
    [
        "[BODY]", "[STATUS]", "[HEADERS]", "[DNS_ANSWERS]", "[CERTIFICATE_EXPIRATION]", "[RESPONSE_TIME]", "[CONNECTED]", "[TLS_VERSION]",
        ".a", ".b", "[0]", "[1]", "[\"c\"]", ".", "[", "]", "(", ")", ",", "\"", "\\\"", "\"x y\"",
        "==", "!=", "<", "<=", ">", ">=", "=", "!",
        "len(", "has(", "pat(", "any(", "200", "-1", "1.5", "48h", "1h30m", "0", "true", "false", "null", "UP", "*", "x*", "*y", " ", " ", "é", "\t",
    ];

    [Fact]
    public void Random_printable_garbage()
    {
        var random = new Random(20240611);
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(0, 40);
            var chars = new char[length];
            for (var j = 0; j < length; j++) chars[j] = (char)random.Next(0x20, 0x7F);
            Check(new string(chars));
        }
    }

    private static readonly string[] Lefts =
    [
        "[BODY]", "[BODY].a", "[BODY].a.b[1]", "[BODY].a.b[4].c", "[BODY][0]", "[BODY].s", "[BODY].n", "[BODY].big", "[STATUS]",
        "[HEADERS].X", "[HEADERS].x", "[DNS_ANSWERS]", "[DNS_RCODE]", "[CERTIFICATE_EXPIRATION]", "[RESPONSE_TIME]", "[CONNECTED]",
        "[TLS_VERSION]", "[IP]", "[CERTIFICATE_CHAIN_VALID]", "len([BODY])", "len([BODY].a.b)", "len([BODY].s)", "len([BODY].n)",
        "has([BODY].a)", "has([STATUS])", "len([DNS_ANSWERS])",
    ];

    private static readonly string[] Operators = ["==", "!=", "<", "<=", ">", ">="];

    private static readonly string[] Rights =
    [
        "200", "-1", "1.5", "0", "48h", "1h30m", "true", "false", "null", "UP", "x*y", "\"x y\"", "a", "NOERROR", "Tls12",
        "pat(*)", "pat(x*)", "pat(\"*y\")", "any(1, 2)", "any(a, \"\")", "any(true)", "any(48h, 0)",
    ];

    [Fact]
    public void Random_token_soup()
    {
        var random = new Random(7);
        var parsed = 0;
        for (var i = 0; i < 30_000; i++)
        {
            // Mostly well-formed conditions, some with a few fragments thrown in, so both the parser's error paths and
            // every evaluation path get exercised.
            var parts = new List<string> { Pick(random, Lefts), " ", Pick(random, Operators), " ", Pick(random, Rights) };
            for (var noise = random.Next(-3, 3); noise > 0; noise--) parts.Insert(random.Next(parts.Count + 1), Pick(random, Fragments));
            if (Check(string.Concat(parts))) parsed++;
        }
        Assert.True(parsed > 5_000, $"only {parsed} of the soup parsed; the fuzzer is not reaching evaluation");
    }

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];

    [Fact]
    public void Mutations_of_valid_conditions()
    {
        string[] seeds =
        [
            "[STATUS] == 200", "[BODY].a.b[0] == 1", "len([BODY].a.b) > 2", "has([BODY].s) == true", "[BODY].s == pat(x*)",
            "[STATUS] == any(200, 201)", "[CERTIFICATE_EXPIRATION] > 48h", "[HEADERS].X == \"y z\"", "[DNS_ANSWERS] == a",
        ];
        var random = new Random(99);
        for (var i = 0; i < 20_000; i++)
        {
            var chars = seeds[random.Next(seeds.Length)].ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(chars.Count + 1);
                switch (random.Next(3))
                {
                    case 0 when chars.Count > 0 && at < chars.Count: chars.RemoveAt(at); break;
                    case 1: chars.Insert(at, "[]().,\"=!<>* \\x0"[random.Next(16)]); break;
                    default: if (at < chars.Count) chars[at] = (char)random.Next(0x20, 0x7F); break;
                }
            }
            Check(new string([.. chars]));
        }
    }

    /// <returns>Whether it parsed.</returns>
    private static bool Check(string condition)
    {
        ConditionSet set;
        try
        {
            set = ConditionSet.Parse([condition]);
        }
        catch (ConditionParseException e)
        {
            Assert.Equal(0, e.Index);
            Assert.InRange(e.Position, 0, condition.Length);
            Assert.False(string.IsNullOrWhiteSpace(e.Expected), condition);
            Assert.StartsWith("condition 0 '", e.Message);
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"'{condition}' threw {e.GetType().Name}: {e.Message}");
            return false;
        }

        foreach (var attempt in Attempts)
        {
            var r = Assert.Single(set.Evaluate(attempt));
            Assert.NotNull(r.Actual);
            Assert.InRange(r.Actual.Length, 0, 200);
            Assert.DoesNotContain("evaluation error", r.Actual);
        }
        return true;
    }
}
