using System.Globalization;
using System.Text.RegularExpressions;

namespace FleetOps.Api;

/// <summary>
/// The continuation of <c>GET /api/inventories/{name}/hosts</c>: <c>{position}-{version}</c>, the version being the
/// stored inventory's ETag (letters and digits), so a page of a replaced inventory is refused instead of skipping or
/// repeating hosts.
/// </summary>
internal static partial class HostsContinuation
{
    public static string Version(string etag) => new([.. etag.Where(char.IsAsciiLetterOrDigit)]);

    public static string Write(int position, string version) => string.Create(CultureInfo.InvariantCulture, $"{position}-{version}");

    /// <summary>The position and version, or null when the text is not one this API gave out.</summary>
    public static (int Position, string? Version)? TryRead(string token)
    {
        var match = Shape().Match(token);
        if (!match.Success) return null;
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value);
    }

    [GeneratedRegex("^([0-9]{1,7})-([0-9A-Za-z]{1,64})$")]
    private static partial Regex Shape();
}
