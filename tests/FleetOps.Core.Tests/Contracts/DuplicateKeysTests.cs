using System.Text;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Tests.Contracts;

public sealed class DuplicateKeysTests
{
    [Theory]
    [InlineData("""{"a":1,"a":2}""", "a")]
    [InlineData("""{"name":1,"Name":2}""", "Name")]
    [InlineData("""{"o":{"x":1,"y":{"z":1,"z":2}}}""", "o.y.z")]
    [InlineData("""{"t":[{"n":1},{"n":1,"n":2}]}""", "t[1].n")]
    [InlineData("""{"t":[[1,2],[{"k":1}],[{"k":1,"k":1}]]}""", "t[2][0].k")]
    [InlineData("""{"labels":{"env":"a","env":"b"}}""", "labels.env")]
    [InlineData("""[{"a":1},{"a":1,"a":2}]""", "[1].a")]
    public void A_key_given_twice_is_named_by_its_path(string json, string field)
    {
        var e = Assert.Throws<RequestValidationException>(() => DuplicateKeys.Check(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(field, Assert.Single(e.Errors).Field);
        Assert.Contains("duplicate key", e.Errors[0].Message);
    }

    [Theory]
    [InlineData("""{"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":2}]}""")]
    [InlineData("""{"a":1""")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    public void The_same_key_in_different_objects_and_broken_json_pass(string json) =>
        DuplicateKeys.Check(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_reader_refuses_duplicates_before_it_deserializes()
    {
        var e = Assert.Throws<RequestValidationException>(() => RequestReader.DeserializeSweep(
            """{"targets":[{"name":"a","address":"127.0.0.1:1"}],"checks":[{"kind":"tcp"}],"options":{"attempts":1,"attempts":3}}"""u8));
        Assert.Equal("options.attempts", e.Errors[0].Field);
    }

    [Fact]
    public void Many_duplicates_report_a_bounded_number()
    {
        var json = "{" + string.Join(",", Enumerable.Repeat("\"a\":1", 10_000)) + "}";
        var e = Assert.Throws<RequestValidationException>(() => DuplicateKeys.Check(Encoding.UTF8.GetBytes(json)));
        Assert.True(e.Errors.Count <= 20);
    }

    /// <summary>The pre-pass costs in proportion to the body: allocations per byte stay flat from 10k to 100k targets.</summary>
    [Fact]
    public void The_pre_pass_allocates_in_proportion_to_the_body()
    {
        static (long Bytes, long Allocated) Measure(int targets)
        {
            var json = Encoding.UTF8.GetBytes("{\"targets\":[" + string.Join(",", Enumerable.Range(0, targets)
                .Select(i => $$"""{"name":"n{{i}}","address":"127.0.0.1:{{1 + i % 60000}}","labels":{"group":"g{{i % 7}}","zone":"z"} }""")) + "]}");
            DuplicateKeys.Check(json); // warm
            var before = GC.GetAllocatedBytesForCurrentThread();
            DuplicateKeys.Check(json);
            return (json.Length, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        var small = Measure(10_000);
        var large = Measure(100_000);
        var perByteSmall = (double)small.Allocated / small.Bytes;
        var perByteLarge = (double)large.Allocated / large.Bytes;
        Assert.True(perByteLarge < perByteSmall * 1.5 && perByteLarge < 3, $"{perByteSmall:0.00} vs {perByteLarge:0.00} bytes allocated per body byte");
    }
}
