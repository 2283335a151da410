using System.Text;

namespace FleetOps.Testing.Fuzz;

/// <summary>A request body as the fuzzer made it, with what was done to which template.</summary>
public sealed record FuzzBody(byte[] Bytes, string Description)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public override string ToString() => $"{Description}\n{Text}";
}

/// <summary>Mutated bodies of each contract, from <see cref="RequestCorpus"/>; about one in twelve goes through unchanged.</summary>
public static class BodyFuzz
{
    public static FuzzBody Json(FuzzRandom r, IReadOnlyList<string> templates, FuzzLimits limits, string label)
    {
        var index = r.Next(templates.Count);
        string json, what;
        if (r.Chance(0.08)) (json, what) = (templates[index], "unchanged");
        else
        {
            var mutated = JsonMutator.Mutate(r, JShape.Parse(templates[index]), limits);
            (json, what) = (mutated.Json, mutated.Description);
        }
        return Finish(r, Encoding.UTF8.GetBytes(json), limits, $"{label} #{index}: {what}");
    }

    /// <summary>An inventory file and the <c>?format=</c> to send with it (null: let the server detect it).</summary>
    public static (FuzzBody Body, string? Format) Inventory(FuzzRandom r, FuzzLimits limits)
    {
        var index = r.Next(RequestCorpus.Inventories.Length);
        var (format, text) = RequestCorpus.Inventories[index];
        string what;
        if (r.Chance(0.08)) what = "unchanged";
        else if (text.TrimStart()[0] is '{' or '[' && r.Chance(0.6))
        {
            var mutated = JsonMutator.Mutate(r, JShape.Parse(text), limits);
            (text, what) = (mutated.Json, mutated.Description);
        }
        else (text, what) = LineMutator.Mutate(r, text, limits, r.Between(1, 3));
        var declared = r.Weighted<string?>(
            (12, format), (5, null), (2, r.Pick(RequestCorpus.InventoryFormats)), (1, StringMutator.Mutate(r, format, limits).Text));
        var body = Finish(r, Encoding.UTF8.GetBytes(text), limits, $"inventory #{index} ({format}, sent as {declared ?? "detect"}): {what}");
        return (body, declared);
    }

    /// <summary>A selector as a person might mistype it.</summary>
    public static string Selector(FuzzRandom r, FuzzLimits limits)
    {
        var selector = r.Pick(RequestCorpus.Selectors);
        return r.Chance(0.1) ? selector : StringMutator.Mutate(r, selector, limits).Text;
    }

    private static FuzzBody Finish(FuzzRandom r, byte[] bytes, FuzzLimits limits, string what)
    {
        if (r.Chance(0.2))
        {
            var (broken, how) = BytesMutator.Mutate(r, bytes, limits);
            (bytes, what) = (broken, $"{what}; {how}");
        }
        if (bytes.Length > limits.MaxBodyBytes) (bytes, what) = (bytes[..limits.MaxBodyBytes], $"{what}; cut to {limits.MaxBodyBytes} bytes");
        return new FuzzBody(bytes, what);
    }
}
