using System.Text.Json;
using FleetOps.Core.Contracts;
using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Tests.Rollouts;

public sealed class WavePlanTests
{
    /// <summary>A wave list as it arrives in a request: JSON text such as <c>[1, 5, "20%"]</c>.</summary>
    internal static List<JsonElement> Waves(string json) => JsonSerializer.Deserialize<List<JsonElement>>(json)!;

    private static int[] Compute(int nodes, string waves) => [.. WavePlan.Compute(nodes, Waves(waves), null, null)];

    // [1, 5, "20%", "100%"]: 20% is of ALL nodes (floor, at least 1); "100%" takes what is left.
    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(2, new[] { 1, 1 })]
    [InlineData(6, new[] { 1, 5 })]
    [InlineData(7, new[] { 1, 5, 1 })]      // 20% of 7 = 1.4 → 1; nothing left for "100%"
    [InlineData(8, new[] { 1, 5, 1, 1 })]   // 20% of 8 = 1.6 → 1; "100%" takes the last 1
    [InlineData(20, new[] { 1, 5, 4, 10 })]
    [InlineData(100, new[] { 1, 5, 20, 74 })]
    [InlineData(101, new[] { 1, 5, 20, 75 })] // 20% of 101 = 20.2 → 20
    public void Ansible_serial_list_with_a_final_hundred_percent(int nodes, int[] expected) =>
        Assert.Equal(expected, Compute(nodes, """[1, 5, "20%", "100%"]"""));

    [Theory]
    [InlineData(10, """[1, "30%"]""", new[] { 1, 3, 3, 3 })]          // the last entry repeats
    [InlineData(11, """[1, "30%"]""", new[] { 1, 3, 3, 3, 1 })]       // ...and is clipped to what is left
    [InlineData(3, """["50%"]""", new[] { 1, 1, 1 })]                 // 1.5 → 1
    [InlineData(4, """["50%"]""", new[] { 2, 2 })]
    [InlineData(100, """["29%"]""", new[] { 29, 29, 29, 13 })]        // integer math: 29% of 100 is 29, not 28.99…
    [InlineData(10, """[3]""", new[] { 3, 3, 3, 1 })]
    [InlineData(5, """[10]""", new[] { 5 })]                          // larger than the fleet: clipped
    [InlineData(5, """[2, 10, 1]""", new[] { 2, 3 })]                 // clipped mid-list; later entries unused
    [InlineData(5, """["2", "40%"]""", new[] { 2, 2, 1 })]            // counts may be strings, as in Ansible
    [InlineData(3, """["1%"]""", new[] { 1, 1, 1 })]                  // never rounds to an empty wave
    [InlineData(10, """["100%"]""", new[] { 10 })]
    [InlineData(10, """[1, "100%"]""", new[] { 1, 9 })]
    [InlineData(0, """[1, "25%"]""", new int[0])]
    public void Sizes_follow_ansible_serial(int nodes, string waves, int[] expected) =>
        Assert.Equal(expected, Compute(nodes, waves));

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(4, new[] { 1, 1, 1, 1 })]        // 25% of 4 = 1
    [InlineData(10, new[] { 1, 2, 2, 2, 2, 1 })] // 25% of 10 = 2.5 → 2
    [InlineData(100, new[] { 1, 25, 25, 25, 24 })]
    public void Default_is_one_canary_node_then_a_quarter_at_a_time(int nodes, int[] expected) =>
        Assert.Equal(expected, WavePlan.Compute(nodes, null, null, null));

    [Theory]
    [InlineData(10, 2, 3, new[] { 2, 3, 3, 2 })]
    [InlineData(10, 1, 9, new[] { 1, 9 })]
    [InlineData(10, 1, 100, new[] { 1, 9 })]
    [InlineData(2, 5, 3, new[] { 2 })]              // a canary as big as the fleet is the whole fleet
    [InlineData(100, 3, null, new[] { 3, 25, 25, 25, 22 })] // canary alone: then the default 25%
    [InlineData(10, null, 4, new[] { 1, 4, 4, 1 })]   // batchSize alone: after the default 1-node canary
    public void Canary_and_batch_size_mean_canary_then_batches(int nodes, int? canary, int? batchSize, int[] expected) =>
        Assert.Equal(expected, WavePlan.Compute(nodes, null, canary, batchSize));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(101)]
    [InlineData(99_999)]
    public void Sizes_are_positive_and_add_up_to_the_node_count(int nodes)
    {
        foreach (var waves in new[] { """[1, 5, "20%", "100%"]""", """["1%"]""", """[2, "33%"]""", """[1000]""" })
        {
            var sizes = Compute(nodes, waves);
            Assert.All(sizes, s => Assert.True(s >= 1));
            Assert.Equal(nodes, sizes.Sum());
        }
    }

    [Theory]
    [InlineData("""[0]""", "waves[0]", "at least 1 node")]
    [InlineData("""[1, -2]""", "waves[1]", "at least 1 node")]
    [InlineData("""["0%"]""", "waves[0]", "1%-100%")]
    [InlineData("""[1, "101%"]""", "waves[1]", "1%-100%")]
    [InlineData("""["12.5%"]""", "waves[0]", "whole percentage")]
    [InlineData("""["-5%"]""", "waves[0]", "whole percentage")]
    [InlineData("""["ten"]""", "waves[0]", "neither a number")]
    [InlineData("""[" 5"]""", "waves[0]", "neither a number")]
    [InlineData("""["0"]""", "waves[0]", "at least 1 node")]
    [InlineData("""[1.5]""", "waves[0]", "whole number")]
    [InlineData("""[1e12]""", "waves[0]", "whole number")]
    [InlineData("""[true]""", "waves[0]", "percentage such as")]
    [InlineData("""[null]""", "waves[0]", "percentage such as")]
    [InlineData("""[{"size": 1}]""", "waves[0]", "percentage such as")]
    [InlineData("""[]""", "waves", "is empty")]
    public void Invalid_wave_entries_name_their_index(string waves, string field, string message)
    {
        var error = Assert.Single(WavePlan.Check(Waves(waves), null, null));
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        var thrown = Assert.Throws<RequestValidationException>(() => WavePlan.Compute(10, Waves(waves), null, null));
        Assert.Equal(field, Assert.Single(thrown.Errors).Field);
    }

    [Fact]
    public void Every_bad_entry_is_reported()
    {
        var errors = WavePlan.Check(Waves("""[0, 1, "x", "200%"]"""), null, null);
        Assert.Equal(["waves[0]", "waves[2]", "waves[3]"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Too_many_entries_is_an_error()
    {
        var waves = Waves("[" + string.Join(",", Enumerable.Repeat("1", WavePlan.MaxEntries + 1)) + "]");
        Assert.Equal("waves", Assert.Single(WavePlan.Check(waves, null, null)).Field);
        Assert.Empty(WavePlan.Check(Waves("[" + string.Join(",", Enumerable.Repeat("1", WavePlan.MaxEntries)) + "]"), null, null));
    }

    [Theory]
    [InlineData(0, null, "canary")]
    [InlineData(-1, null, "canary")]
    [InlineData(null, 0, "batchSize")]
    [InlineData(1, -3, "batchSize")]
    public void Canary_and_batch_size_must_be_positive(int? canary, int? batchSize, string field)
    {
        Assert.Equal(field, Assert.Single(WavePlan.Check(null, canary, batchSize)).Field);
        Assert.Throws<RequestValidationException>(() => WavePlan.Compute(10, null, canary, batchSize));
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(null, 5)]
    [InlineData(1, 5)]
    public void Both_forms_at_once_is_an_error(int? canary, int? batchSize)
    {
        var error = Assert.Single(WavePlan.Check(Waves("[1]"), canary, batchSize));
        Assert.Equal("waves", error.Field);
        Assert.Contains("not both", error.Message);
    }

    [Fact]
    public void Valid_settings_have_no_errors()
    {
        Assert.Empty(WavePlan.Check(null, null, null));
        Assert.Empty(WavePlan.Check(null, 1, 10));
        Assert.Empty(WavePlan.Check(Waves("""[1, "5", "20%", "100%"]"""), null, null));
    }

    [Fact]
    public void Assign_cuts_names_in_inventory_order()
    {
        string[] names = ["a", "b", "c", "d", "e", "f", "g"];
        var waves = WavePlan.Assign(names, WavePlan.Compute(names.Length, Waves("""[1, 5, "20%", "100%"]"""), null, null));

        Assert.Equal(3, waves.Count);
        Assert.Equal(["a"], waves[0]);
        Assert.Equal(["b", "c", "d", "e", "f"], waves[1]);
        Assert.Equal(["g"], waves[2]);
        // Deterministic: the same input gives the same waves.
        Assert.Equal(waves, WavePlan.Assign(names, [1, 5, 1]));
    }

    [Fact]
    public void Assign_rejects_sizes_that_do_not_cover_the_nodes()
    {
        Assert.Throws<ArgumentException>(() => WavePlan.Assign(["a", "b", "c"], [1, 1]));
        Assert.Throws<ArgumentException>(() => WavePlan.Assign(["a", "b"], [1, 2]));
        Assert.Throws<ArgumentException>(() => WavePlan.Assign(["a", "b"], [2, 0]));
        Assert.Empty(WavePlan.Assign([], []));
    }

    [Fact]
    public void Sizes_are_the_parsed_list()
    {
        Assert.Equal(["1", "5", "20%"], WavePlan.Sizes(Waves("""[1, "5", "20%"]"""), null, null).Select(s => s.ToString()));
        Assert.Equal(["1", "25%"], WavePlan.Sizes(null, null, null).Select(s => s.ToString()));
        Assert.Equal(["2", "7"], WavePlan.Sizes(null, 2, 7).Select(s => s.ToString()));
    }

    [Fact]
    public void An_uninitialised_wave_size_is_refused_not_looped_on() =>
        Assert.Throws<ArgumentException>(() => WavePlan.Compute(3, [WaveSize.Count(1), default]));

    [Fact]
    public void Negative_node_count_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WavePlan.Compute(-1, null, null, null));
}
