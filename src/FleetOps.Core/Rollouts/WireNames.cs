using System.Text.Json;

namespace FleetOps.Core.Rollouts;

/// <summary>
/// The one place enum values get their wire names: kebab-case (<c>WaitingApproval</c> → <c>waiting-approval</c>), the
/// naming <see cref="FleetOpsJson"/> uses for enums in JSON, so request fields, JSON and timeline text spell them alike.
/// </summary>
public static class WireNames
{
    public static readonly JsonNamingPolicy Policy = JsonNamingPolicy.KebabCaseLower;

    public static string Of<T>(T value) where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name) ? name : Policy.ConvertName(value.ToString());

    /// <summary>Every value of <typeparamref name="T"/> by its wire name (ordinal, as requests must spell them).</summary>
    public static IReadOnlyDictionary<string, T> All<T>() where T : struct, Enum => Names<T>.ByName;

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return text is not null && Names<T>.ByName.TryGetValue(text, out value);
    }

    private static class Names<T> where T : struct, Enum
    {
        public static readonly IReadOnlyDictionary<T, string> ByValue =
            Enum.GetValues<T>().ToDictionary(v => v, v => Policy.ConvertName(v.ToString()));

        public static readonly IReadOnlyDictionary<string, T> ByName =
            Enum.GetValues<T>().ToDictionary(v => ByValue[v], v => v, StringComparer.Ordinal);
    }
}
