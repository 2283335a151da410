using System.Text.RegularExpressions;

namespace FleetOps.Core.Contracts;

/// <summary>
/// Run ids are instance ids in the durable engine: keep them to characters every storage backend accepts. The alphabet
/// leaves out <see cref="InternalIds.Separator"/> on purpose: the instances a run makes for itself use it, so a request
/// id can never name (or collide with) one of them.
/// </summary>
public static partial class RequestIds
{
    public const int MaxLength = 100;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Allowed();

    public static string? Check(string id) =>
        id.Length > MaxLength ? $"must be at most {MaxLength} characters"
        : Allowed().IsMatch(id) ? null
        : "may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit";

    public static string NewId() => Guid.NewGuid().ToString("N");
}
