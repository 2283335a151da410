using System.Text.Json;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Rollouts;

/// <summary>
/// Cuts a rollout's nodes into waves, with Ansible's <c>serial</c> semantics: each entry is a wave's size (a count or
/// a percentage of all nodes), the last entry repeats until every node is covered, and a size larger than what is
/// left takes what is left. <c>canary</c>/<c>batchSize</c> is shorthand for <c>[canary, batchSize]</c>. With neither,
/// the plan is <see cref="DefaultWaves"/>: one canary node, then a quarter of the fleet at a time.
/// </summary>
public static class WavePlan
{
    /// <summary>Entries in a wave list; more is a mistake, not a plan (the last entry repeats anyway).</summary>
    public const int MaxEntries = 100;

    /// <summary>One canary node, then 25% waves: a bad action costs one node, and the fleet is done in about five waves.</summary>
    public static IReadOnlyList<WaveSize> DefaultWaves { get; } = [WaveSize.Count(1), WaveSize.Percent(25)];

    /// <summary>Every problem with the wave settings, each with its field path (<c>waves[2]</c>, <c>canary</c>).</summary>
    public static IReadOnlyList<ValidationError> Check(IReadOnlyList<JsonElement>? waves, int? canary, int? batchSize)
    {
        var errors = new List<ValidationError>();
        Parse(waves, canary, batchSize, errors);
        return errors;
    }

    /// <summary>The wave list the settings mean; throws <see cref="RequestValidationException"/> when they are invalid.</summary>
    public static IReadOnlyList<WaveSize> Sizes(IReadOnlyList<JsonElement>? waves, int? canary, int? batchSize)
    {
        var errors = new List<ValidationError>();
        var sizes = Parse(waves, canary, batchSize, errors);
        return errors.Count == 0 ? sizes : throw new RequestValidationException(errors);
    }

    /// <summary>Wave sizes for <paramref name="nodeCount"/> nodes: all at least 1, summing to <paramref name="nodeCount"/>.</summary>
    public static IReadOnlyList<int> Compute(int nodeCount, IReadOnlyList<JsonElement>? waves, int? canary, int? batchSize) =>
        Compute(nodeCount, Sizes(waves, canary, batchSize));

    public static IReadOnlyList<int> Compute(int nodeCount, IReadOnlyList<WaveSize> serial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        if (serial.Count == 0) throw new ArgumentException("the wave list is empty", nameof(serial));
        var sizes = new List<int>();
        for (var (left, entry) = (nodeCount, 0); left > 0; entry = Math.Min(entry + 1, serial.Count - 1))
        {
            // Percentages are of the whole rollout, not of what is left, so "20%" means the same size every time.
            var size = Math.Min(serial[entry].Resolve(nodeCount), left);
            // Only default(WaveSize) resolves to 0; looping on it would never end.
            if (size < 1) throw new ArgumentException($"serial[{entry}] is an empty wave size", nameof(serial));
            sizes.Add(size);
            left -= size;
        }
        return sizes;
    }

    /// <summary>The node names of each wave, in inventory order: the same names and sizes always give the same waves.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Assign(IReadOnlyList<string> nodeNames, IReadOnlyList<int> sizes)
    {
        if (sizes.Any(s => s < 1)) throw new ArgumentException("every wave holds at least one node", nameof(sizes));
        if (sizes.Sum(s => (long)s) != nodeNames.Count)
            throw new ArgumentException($"wave sizes add up to {sizes.Sum(s => (long)s)}, not the {nodeNames.Count} nodes", nameof(sizes));
        var waves = new List<IReadOnlyList<string>>(sizes.Count);
        var start = 0;
        foreach (var size in sizes)
        {
            var wave = new string[size];
            for (var i = 0; i < size; i++) wave[i] = nodeNames[start + i];
            waves.Add(wave);
            start += size;
        }
        return waves;
    }

    private static List<WaveSize> Parse(IReadOnlyList<JsonElement>? waves, int? canary, int? batchSize, List<ValidationError> errors)
    {
        if (canary is { } c && c < 1) errors.Add(new("canary", $"{c} is out of range: the canary wave holds at least 1 node"));
        if (batchSize is { } b && b < 1) errors.Add(new("batchSize", $"{b} is out of range: a wave holds at least 1 node"));
        if (waves is null)
        {
            // Each shorthand replaces its own part of the default: canary 3 → [3, "25%"]; batchSize 10 → [1, 10].
            return [canary is >= 1 ? WaveSize.Count(canary.Value) : DefaultWaves[0], batchSize is >= 1 ? WaveSize.Count(batchSize.Value) : DefaultWaves[1]];
        }
        if (canary is not null || batchSize is not null)
            errors.Add(new("waves", "give either waves or canary/batchSize, not both"));
        if (waves.Count == 0) { errors.Add(new("waves", "is empty: leave it out for the default (1 node, then 25% at a time)")); return []; }
        if (waves.Count > MaxEntries) { errors.Add(new("waves", $"{waves.Count} entries is more than {MaxEntries}: the last entry repeats by itself")); return []; }
        var sizes = new List<WaveSize>(waves.Count);
        for (var i = 0; i < waves.Count; i++)
        {
            if (WaveSize.TryParse(waves[i], out var size, out var error)) sizes.Add(size);
            else errors.Add(new($"waves[{i}]", error!));
        }
        return sizes;
    }
}
