namespace FleetOps.Cli.Commands;

/// <summary>A small "--name value" parser: the CLI has two commands and needs no framework.</summary>
public sealed class Args
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public Args(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var a = e.Current;
            if (!a.StartsWith("--", StringComparison.Ordinal)) { Positional.Add(a); continue; }
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            string name, value;
            if (eq > 0) (name, value) = (a[2..eq], a[(eq + 1)..]);
            else if (flags.Contains(a[2..])) (name, value) = (a[2..], "true");
            else if (e.MoveNext()) (name, value) = (a[2..], e.Current);
            else throw new FormatException($"option {a} needs a value");
            if (!_options.TryGetValue(name, out var list)) _options[name] = list = [];
            list.Add(value);
        }
    }

    public List<string> Positional { get; } = [];

    public string? Get(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) ? v[^1] : null;
    }

    public IReadOnlyList<string> GetAll(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) ? v : [];
    }

    public int GetInt(string name, int fallback, int min, int max)
    {
        var text = Get(name);
        if (text is null) return fallback;
        return int.TryParse(text, out var v) && v >= min && v <= max ? v : throw new FormatException($"--{name} '{text}' must be a number from {min} to {max}");
    }

    /// <summary>Call after reading every option: a misspelt option is an error, not silently ignored.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new FormatException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}
