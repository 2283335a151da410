using Microsoft.Net.Http.Headers;
using FleetOps.Core.Contracts;

namespace FleetOps.Api;

/// <summary>
/// Which Content-Types a route's body may have, decided on the parsed media type (never a substring test):
/// <c>application/json; profile=x</c> is JSON, <c>application/xml; profile=json</c> is not. A charset, when given,
/// must be UTF-8, since that is how bodies are read. No Content-Type at all is read as the route's default.
/// </summary>
public sealed class MediaTypes(string description, Func<MediaTypeHeaderValue, bool> accepts)
{
    /// <summary><c>application/json</c> and <c>application/*+json</c>.</summary>
    public static readonly MediaTypes Json = new("application/json or application/*+json", IsJson);

    /// <summary>An inventory file as it is: JSON, YAML, INI or plain text.</summary>
    public static readonly MediaTypes InventoryFile = new(
        "application/json, application/*+json, application/yaml, application/x-yaml, application/octet-stream or text/*",
        m => IsJson(m) || m.Type.Equals("text", StringComparison.OrdinalIgnoreCase)
            || Is(m, "application/yaml") || Is(m, "application/x-yaml") || Is(m, "application/octet-stream"));

    public string Description => description;

    /// <summary>Null when accepted, else why not.</summary>
    public string? Check(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MatchesAllTypes || media.MatchesAllSubTypes)
            return $"{Echo.Quote(contentType)} is not a media type; send {description}";
        if (!accepts(media)) return $"{Echo.Quote(media.MediaType.Value)} is not {description}";
        var charset = media.Charset;
        if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return $"charset {Echo.Quote(charset.Value)} is not utf-8";
        return null;
    }

    private static bool IsJson(MediaTypeHeaderValue m) =>
        Is(m, "application/json")
        || (m.Type.Equals("application", StringComparison.OrdinalIgnoreCase) && m.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static bool Is(MediaTypeHeaderValue m, string mediaType) => m.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);
}
