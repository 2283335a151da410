using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace FleetOps.Core.Inventories;

/// <summary>
/// A host's labels as two layers: what its groups give (one dictionary shared by every host with the same groups) and
/// the host's own, which win. A million hosts of one group hold one copy of the group's labels, not a million.
/// Enumerates like a dictionary filled base first, then own: an overridden label keeps its place with the host's value.
/// </summary>
internal sealed class LayeredLabels : IReadOnlyDictionary<string, string>
{
    private readonly IReadOnlyDictionary<string, string> _shared;
    private readonly IReadOnlyDictionary<string, string> _own;

    private LayeredLabels(IReadOnlyDictionary<string, string> shared, IReadOnlyDictionary<string, string> own)
    {
        (_shared, _own) = (shared, own);
        var count = shared.Count;
        foreach (var key in own.Keys)
            if (!shared.ContainsKey(key)) count++;
        Count = count;
    }

    /// <summary>The shared labels alone when the host has none of its own; both layers otherwise.</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyDictionary<string, string> shared, IReadOnlyDictionary<string, string>? own) =>
        own is null || own.Count == 0 ? shared : shared.Count == 0 ? own : new LayeredLabels(shared, own);

    public int Count { get; }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no label '{key}'");

    public IEnumerable<string> Keys => this.Select(p => p.Key);
    public IEnumerable<string> Values => this.Select(p => p.Value);

    public bool ContainsKey(string key) => _own.ContainsKey(key) || _shared.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) =>
        _own.TryGetValue(key, out value) || _shared.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var (key, value) in _shared)
            yield return new(key, _own.TryGetValue(key, out var mine) ? mine : value);
        foreach (var pair in _own)
            if (!_shared.ContainsKey(pair.Key)) yield return pair;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
