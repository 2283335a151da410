using FleetOps.Core.Contracts;
using FleetOps.Core.Checks;
using FleetOps.Core.Monitors;

namespace FleetOps.Core.Notifiers.Kinds;

/// <summary>Rules and helpers the kinds share: URLs, headers, required secrets, and the request every kind ends with.</summary>
internal static class NotifierFields
{
    /// <summary>Set by FleetOps on every request; a definition must not set them.</summary>
    public static readonly IReadOnlySet<string> ReservedHeaders = new HashSet<string>(
        HttpTokens.Reserved.Concat(["Host", "Content-Type", NotifierRequest.IdempotencyHeader]), StringComparer.OrdinalIgnoreCase);

    public static void RequireUrl(NotifierDefinition definition, string kind, string example, Action<string, string> fail)
    {
        if (definition.Url is null) fail("url", $"is required: the {kind} URL, e.g. \"{example}\"");
        else CheckUrl(definition.Url, "url", fail);
    }

    /// <summary>An inline URL must be absolute http(s); one from a setting is checked when read.</summary>
    public static void CheckUrl(SecretText url, string field, Action<string, string> fail)
    {
        if (url.InlineValue is { } text && UrlProblem(text) is { } problem) fail(field, problem);
    }

    public static void RequireSecret(SecretText? secret, string field, string what, Action<string, string> fail, int minLength = 1)
    {
        if (secret is null) fail(field, $"is required: {what}, inline or {{ \"fromSetting\": \"NAME\" }}");
        else if (secret.InlineValue is { } text && (text.Length < minLength || text.Length > 4096 || string.IsNullOrWhiteSpace(text)))
            fail(field, minLength > 1 ? $"must be {minLength} to 4096 characters" : "must not be empty (at most 4096 characters)");
    }

    public static void CheckHeaders(Dictionary<string, SecretText>? headers, Action<string, string> fail)
    {
        if (headers is null) return;
        if (headers.Count > 20) fail("headers", $"{headers.Count} headers is more than 20");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            if (!seen.Add(name)) fail($"headers.{Echo.Key(name)}", "is given twice (header names ignore case)");
            else if (!(name.Length <= HttpTokens.MaxNameLength && HttpTokens.IsToken(name))) fail("headers", $"{Echo.Quote(name)} is not a header name (letters, digits and !#$%&'*+-.^_`|~)");
            else if (ReservedHeaders.Contains(name) || name.StartsWith("X-FleetOps-", StringComparison.OrdinalIgnoreCase))
                fail($"headers.{Echo.Key(name)}", "is set by FleetOps on every request: leave it out");
            else if (value is null) fail($"headers.{Echo.Key(name)}", "must be a string or { \"fromSetting\": \"NAME\" }");
            else if (value.InlineValue is { } text && HttpTokens.CheckValue(text) is { } problem) fail($"headers.{Echo.Key(name)}", problem);
        }
    }

    public static void CheckHoldFor(string? holdFor, Action<string, string> fail) =>
        DurationField.Parse(holdFor, "holdFor", TimeSpan.FromMinutes(1), TimeSpan.FromDays(30), fail);

    /// <summary>The URL a (resolved) secret or inline text names, or why it cannot be used.</summary>
    public static Uri ResolveUrl(SecretText? given, ISecretSource secrets, string kind)
    {
        var url = Required(given, "url", kind);
        var text = url.Resolve(secrets, "url");
        if (UrlProblem(text) is not null)
            throw new NotifierConfigException(url.IsInline ? $"{kind} url is not an absolute http or https URL" : $"{kind} url: the setting {Echo.Quote(url.FromSetting)} does not hold an absolute http or https URL");
        return new Uri(text, UriKind.Absolute);
    }

    /// <summary>A field the kind requires, or a permanent error for a definition that was stored without it.</summary>
    public static SecretText Required(SecretText? secret, string field, string kind) =>
        secret ?? throw new NotifierConfigException($"{kind} notifier has no {field}: store it again with PUT /api/notifiers/{{name}}");

    /// <summary>The headers every request carries, then the definition's own (values resolved now).</summary>
    public static List<KeyValuePair<string, string>> Headers(Notification notification, Dictionary<string, SecretText>? extra, ISecretSource secrets)
    {
        var headers = new List<KeyValuePair<string, string>> { new(NotifierRequest.IdempotencyHeader, notification.Id) };
        foreach (var (name, value) in extra ?? [])
        {
            var text = value.Resolve(secrets, $"headers.{name}");
            if (HttpTokens.CheckValue(text) is not null) throw new NotifierConfigException($"headers.{name}: the setting {Echo.Quote(value.FromSetting)} does not hold a header value (one line of ASCII)");
            headers.Add(new(name, text));
        }
        return headers;
    }

    /// <summary>What logs may say about where a request goes: the host for a plain URL, nothing of a secret one.</summary>
    public static string Destination(string kind, SecretText url, Uri resolved) =>
        url.IsInline && !UrlIsCredential(kind)
            ? $"{kind} {resolved.Scheme}://{resolved.Authority}{resolved.AbsolutePath}"
            : $"{kind} {resolved.Host} (url: {url})";

    private static bool UrlIsCredential(string kind) => NotifierKinds.Find(kind)?.UrlIsSecret ?? true;

    private static string? UrlProblem(string text) =>
        !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0) ? "is not an absolute http or https URL"
        : uri.UserInfo.Length > 0 ? "has a user name or password in it: give credentials in headers (Authorization) instead"
        : null;
}
