using System.Text.Json.Serialization;
using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Checks;

/// <summary>
/// <c>http</c>: <see cref="Method"/> (GET) <see cref="Url"/>, or <c>{scheme}://{address}{path}</c>; passes when the
/// status is in <see cref="ExpectStatus"/> ([200]) and, for https, the certificate is trusted and matches.
/// </summary>
public record HttpCheck : CheckSpec
{
    [JsonPropertyOrder(PortOrder)]
    public int? Port { get; init; }

    public string? Scheme { get; init; }
    public string? Path { get; init; }
    public string? Url { get; init; }
    public string? Method { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public string? Body { get; init; }
    public IReadOnlyList<int>? ExpectStatus { get; init; }
    public bool? FollowRedirects { get; init; }

    /// <summary>Accept any certificate (still reported in the facts). Off by default.</summary>
    public bool? Insecure { get; init; }

    /// <summary>The virtual host checked on the node: the certificate's name, SNI and Host.</summary>
    public string? ServerName { get; init; }

    public override string Label => Url ?? $"{Kind}:{Path ?? "/"}";

    public override void Validate(CheckErrors errors)
    {
        errors.Port(Port);
        if (Scheme is { } scheme && scheme is not ("http" or "https")) errors.Fail("scheme", $"{Echo.Quote(scheme)} is not http or https");
        if (Path is { } p && !p.StartsWith('/')) errors.Fail("path", $"{Echo.Quote(p)} must start with '/'");
        if (Url is { } url && HttpUrls.Check(url) is { } urlProblem) errors.Fail("url", $"{Echo.Quote(url)} {urlProblem}");
        if (ExpectStatus is { } statuses)
            for (var s = 0; s < statuses.Count; s++) errors.Range(statuses[s], 100, 599, $"expectStatus[{s}]");
        if (Method is { } method && !(method.Length <= HttpTokens.MaxMethodLength && HttpTokens.IsToken(method)))
            errors.Fail("method", $"{Echo.Quote(method)} is not an HTTP method: letters such as GET, POST, HEAD (a token of at most {HttpTokens.MaxMethodLength} characters)");
        if (Body is { Length: > HttpTokens.MaxBodyLength } body)
            errors.Fail("body", $"is {body.Length} characters, more than {HttpTokens.MaxBodyLength}");
        if (Headers is { } headers) ValidateHeaders(headers, errors);
        if (ServerName is { } serverName && HostNames.CheckServerName(serverName) is { } problem) errors.Fail("serverName", problem);
    }

    private static void ValidateHeaders(Dictionary<string, string> headers, CheckErrors errors)
    {
        if (headers.Count > HttpTokens.MaxHeaders) errors.Fail("headers", $"{headers.Count} headers is more than {HttpTokens.MaxHeaders}");
        foreach (var (name, value) in headers)
        {
            if (!(name.Length <= HttpTokens.MaxNameLength && HttpTokens.IsToken(name)))
                errors.Fail("headers", $"{Echo.Quote(name)} is not a header name (letters, digits and !#$%&'*+-.^_`|~)");
            else if (HttpTokens.Reserved.Contains(name))
                errors.Fail($"headers.{Echo.Key(name)}", "is set by the prober from the body and the connection: leave it out");
            else if (value is null)
                errors.Fail($"headers.{Echo.Key(name)}", "must be a string");
            else if (HttpTokens.CheckValue(value) is { } valueProblem)
                errors.Fail($"headers.{Echo.Key(name)}", valueProblem);
            else if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !AddressParser.TrySplit(value, out _, out _, out var hostProblem))
                errors.Fail($"headers.{Echo.Key(name)}", hostProblem!);
        }
    }
}
