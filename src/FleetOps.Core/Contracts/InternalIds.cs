namespace FleetOps.Core.Contracts;

/// <summary>
/// Ids of the engine instances a run creates for itself (a sweep's chunks, and any helper orchestration to come):
/// <c>{runId}:{part}:{index}</c>. The separator is a character <see cref="RequestIds"/> never allows, so the id spaces
/// are disjoint: no request id can name an internal instance, and no internal instance can take a run's id.
/// </summary>
public static class InternalIds
{
    public const char Separator = ':';

    public static string For(string runId, string part, int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{runId}{Separator}{part}{Separator}{index:D4}");

    /// <summary>True for an id only the workflows make (never a run's).</summary>
    public static bool IsInternal(string id) => id.Contains(Separator, StringComparison.Ordinal);
}
