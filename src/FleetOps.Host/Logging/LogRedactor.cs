using System.Text.RegularExpressions;

namespace FleetOps.Host.Logging;

/// <summary>
/// Takes secrets out of a log line: query parameters that carry keys (<c>code</c>, <c>sig</c>, <c>secret</c>,
/// <c>password</c>, and any name containing <c>key</c> or <c>token</c>), heartbeat tokens in paths
/// (<c>/heartbeats/{token}</c>), headers that carry them
/// (<c>x-functions-key</c>, <c>Authorization</c>, cookies), connection-string keys, and the configured API key
/// itself wherever it appears. Each becomes <c>***</c>.
/// </summary>
public sealed partial class LogRedactor(IEnumerable<string?> knownSecrets)
{
    public const string Mask = "***";

    // A key shorter than this would mask ordinary text; such a key is still caught by the patterns.
    private const int MinKnownSecretLength = 6;

    private readonly string[] _secrets = knownSecrets
        .Where(s => s is { Length: >= MinKnownSecretLength })
        .SelectMany(s => new[] { s!, Uri.EscapeDataString(s!) })
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    public string Redact(string text)
    {
        if (text.Length == 0) return text;
        foreach (var secret in _secrets)
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        text = QueryParameter().Replace(text, m => m.Groups["name"].Value + "=" + Mask);
        text = HeartbeatToken().Replace(text, m => m.Groups["route"].Value + Mask);
        text = Header().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
        return ConnectionStringKey().Replace(text, m => m.Groups["name"].Value + "=" + Mask);
    }

    [GeneratedRegex(@"(?<=[?&;])(?<name>code|sig|secret|password|pwd|[^=&\s?#;]*(?:key|token|secret)[^=&\s?#;]*)=(?<value>[^&\s#""'<>]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryParameter();

    // A heartbeat's token is its credential, and it travels in the path.
    [GeneratedRegex(@"(?<route>/heartbeats/)(?<token>[^/?#\s""'<>]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeartbeatToken();

    [GeneratedRegex(@"(?<name>\b(?:x-functions-key|x-api-key|api-key|authorization|proxy-authorization|cookie|set-cookie))(?<sep>\s*[:=]\s*)(?<value>[^\r\n]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    [GeneratedRegex(@"(?<name>\b(?:AccountKey|SharedAccessKey|SharedAccessSignature|Password))=(?<value>[^;\s""']+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionStringKey();
}
