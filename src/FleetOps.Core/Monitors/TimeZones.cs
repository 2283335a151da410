using FleetOps.Core.Contracts;
using System.Text.RegularExpressions;

namespace FleetOps.Core.Monitors;

/// <summary>IANA time zones (<c>Europe/Paris</c>, <c>America/New_York</c>) from the system's time zone database; UTC by default.</summary>
public static partial class TimeZones
{
    public const int MaxLength = 64;

    /// <summary>Area/Location names only: no absolute paths or "..", which the system lookup would read as files.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$")]
    private static partial Regex IanaName();

    public static TimeZoneInfo? TryFind(string? id, out string? error)
    {
        error = null;
        if (id is null) return TimeZoneInfo.Utc;
        if (id.Length > MaxLength || !IanaName().IsMatch(id))
        {
            error = $"{Echo.Quote(id)} is not an IANA time zone name such as Europe/Paris or UTC";
            return null;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"{Echo.Quote(id)} is not a time zone this host knows: give an IANA name such as Europe/Paris or UTC";
            return null;
        }
    }

    public static TimeZoneInfo Find(string? id) => TryFind(id, out var error) ?? throw new FormatException(error);
}
