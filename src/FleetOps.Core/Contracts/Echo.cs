namespace FleetOps.Core.Contracts;

/// <summary>
/// Values quoted back in error messages, cut to <see cref="MaxChars"/> characters: a 1 MiB address must not come back
/// in the 400 (twice: in <c>detail</c> and in <c>errors</c>). Every validator message that shows a value goes through here.
/// </summary>
public static class Echo
{
    public const int MaxChars = 64;

    /// <summary>'value', or 'the first 64 characters…(1048576 chars)'.</summary>
    public static string Quote(string? value) => value is null ? "null" : $"'{Cut(value)}'";

    /// <summary>A key of the request as one segment of a field path ("targets[0].labels.KEY"): cut like any echoed value; an empty key as <c>''</c>, so a field is never empty.</summary>
    public static string Key(string key) => key.Length == 0 ? "''" : Cut(key);

    /// <summary>The value itself, or its first <see cref="MaxChars"/> characters and its length.</summary>
    public static string Cut(string value) => Cut(value, MaxChars);

    /// <summary>The value itself, or its first <paramref name="max"/> characters and its length.</summary>
    public static string Cut(string value, int max)
    {
        if (value.Length <= max) return value;
        var end = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max; // never half a character
        return $"{value[..end]}…({value.Length} chars)";
    }
}
