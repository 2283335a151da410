using CsCheck;

namespace FleetOps.Testing.Fuzz;

/// <summary>
/// The choices one fuzz case makes, all drawn from one CsCheck <see cref="PCG"/>: the same seed makes the same case,
/// on any machine. CsCheck's own generators (<see cref="From{T}"/>) supply the values with edges built in.
/// </summary>
public sealed class FuzzRandom(PCG pcg)
{
    public PCG Pcg => pcg;

    /// <summary>0 to <paramref name="max"/> - 1.</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)pcg.Next((uint)max);

    /// <summary><paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => pcg.Next(1_000_000) < p * 1_000_000;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>A size spread over orders of magnitude: as many small ones as large ones.</summary>
    public int LogSize(int min, int max)
    {
        var lo = Math.Log(Math.Max(1, min));
        var hi = Math.Log(Math.Max(min + 1, max));
        return (int)Math.Min(max, Math.Exp(lo + (hi - lo) * Next(1_000_001) / 1_000_000.0));
    }

    public T From<T>(Gen<T> gen) => gen.Generate(pcg, null!, out _);

    /// <summary>One of the weighted choices: (weight, value).</summary>
    public T Weighted<T>(params (int Weight, T Value)[] choices)
    {
        var roll = Next(choices.Sum(c => c.Weight));
        foreach (var (weight, value) in choices)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        return choices[^1].Value;
    }

    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++) bytes[i] = (byte)pcg.Next(256);
        return bytes;
    }
}
