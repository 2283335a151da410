using System.Globalization;
using System.Text;
using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Rollouts;

/// <summary>
/// Fills a node's facts into an action's method, URL, header values and body: <c>{{host}}</c>, <c>{{port}}</c>,
/// <c>{{name}}</c>, <c>{{address}}</c>, <c>{{labels.key}}</c>; spaces inside the braces are allowed (<c>{{ host }}</c>).
/// Only <c>{{</c> opens a placeholder, so JSON bodies (single braces, a closing <c>}}</c>) need no escaping.
/// </summary>
public static class ActionTemplate
{
    /// <summary>The node used to check templates before any real node is known (request validation).</summary>
    public static readonly Target SampleTarget = new("sample-node", "sample-node.invalid:8080");

    private const string Known = "{{host}}, {{port}}, {{name}}, {{address}} or {{labels.<key>}}";

    /// <summary>Null when the template parses; otherwise the problem, with its 1-based position, at <paramref name="field"/>.</summary>
    public static ValidationError? Validate(string template, string field)
    {
        try
        {
            Parse(template);
            return null;
        }
        catch (ActionTemplateException e)
        {
            return new ValidationError(field, e.Message);
        }
    }

    /// <summary>The template with <paramref name="target"/>'s values; throws <see cref="ActionTemplateException"/>.</summary>
    public static string Render(string template, Target target, TemplateEncoding encoding = TemplateEncoding.Raw)
    {
        var segments = Parse(template);
        if (segments.Count == 1 && segments[0].Placeholder is null) return template;
        var text = new StringBuilder(template.Length + 32);
        foreach (var segment in segments)
            text.Append(segment.Placeholder is { } p ? Escape(Value(p, target, encoding), encoding) : segment.Literal);
        return text.ToString();
    }

    /// <summary>Renders for <see cref="SampleTarget"/>, giving every label the template names the value "sample".</summary>
    public static string RenderSample(string template, TemplateEncoding encoding = TemplateEncoding.Raw)
    {
        var labels = Parse(template)
            .Where(s => s.Placeholder?.StartsWith("labels.", StringComparison.Ordinal) == true)
            .Select(s => s.Placeholder!["labels.".Length..])
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, _ => "sample", StringComparer.Ordinal);
        return Render(template, SampleTarget with { Labels = labels }, encoding);
    }

    private readonly record struct Segment(string? Literal, string? Placeholder);

    private static List<Segment> Parse(string template)
    {
        var segments = new List<Segment>();
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0) break;
            if (open > at) segments.Add(new(template[at..open], null));
            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) throw new ActionTemplateException($"'{{{{' at position {open + 1} is not closed with '}}}}'");
            var name = template[(open + 2)..close].Trim();
            if (Problem(name) is { } problem) throw new ActionTemplateException($"{Echo.Quote(template[open..(close + 2)])} at position {open + 1}: {problem}");
            segments.Add(new(null, name));
            at = close + 2;
        }
        if (at < template.Length || segments.Count == 0) segments.Add(new(template[at..], null));
        return segments;
    }

    private static string? Problem(string name)
    {
        if (name.Length == 0) return $"empty placeholder: use {Known}";
        if (name is "host" or "port" or "name" or "address") return null;
        if (!name.StartsWith("labels.", StringComparison.Ordinal)) return $"unknown placeholder {Echo.Quote(name)}: use {Known}";
        var key = name["labels.".Length..];
        if (key.Length == 0) return "no label key after 'labels.'";
        // The label keys an inventory can hold (as in selectors): letters, digits, '_', '-', '.', '/'.
        var bad = key.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/'));
        return bad == default ? null : $"label key {Echo.Quote(key)} has '{bad}': keys are letters, digits, '_', '-', '.' and '/'";
    }

    private static string Escape(string value, TemplateEncoding encoding) => encoding != TemplateEncoding.PromQl ? value : value
        .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    /// <summary>True when the template holds a placeholder (after <see cref="Validate"/> said it parses).</summary>
    public static bool HasPlaceholders(string template) => Parse(template).Any(s => s.Placeholder is not null);

    private static string Value(string placeholder, Target target, TemplateEncoding encoding)
    {
        var url = encoding == TemplateEncoding.Url;
        switch (placeholder)
        {
            case "name":
                return url ? Uri.EscapeDataString(target.Name) : target.Name;
            case "host":
                return url ? UrlHost(target) : Split(target).Host;
            case "port":
                return Split(target).Port is { } port
                    ? port.ToString(CultureInfo.InvariantCulture)
                    : throw new ActionTemplateException($"node {Echo.Quote(target.Name)} ({Echo.Cut(target.Address)}) has no port for {{{{port}}}}");
            case "address":
                if (!url) return target.Address.Trim();
                return Split(target).Port is { } p ? $"{UrlHost(target)}:{p.ToString(CultureInfo.InvariantCulture)}" : UrlHost(target);
            default:
                var key = placeholder["labels.".Length..];
                if (target.Labels?.TryGetValue(key, out var value) != true || value is null)
                    throw new ActionTemplateException($"node {Echo.Quote(target.Name)} has no label {Echo.Quote(key)} for {{{{{placeholder}}}}}");
                return url ? Uri.EscapeDataString(value) : value;
        }
    }

    /// <summary>The host as a URL's authority holds it: a DNS name or IPv4 as is, IPv6 in brackets, nothing else.</summary>
    private static string UrlHost(Target target)
    {
        var host = Split(target).Host;
        return Uri.CheckHostName(host) switch
        {
            UriHostNameType.IPv6 => $"[{host}]",
            UriHostNameType.Dns or UriHostNameType.IPv4 => host,
            _ => throw new ActionTemplateException($"node {Echo.Quote(target.Name)} has host {Echo.Quote(host)}, which cannot go in a URL"),
        };
    }

    private static (string Host, int? Port) Split(Target target) =>
        AddressParser.TrySplit(target.Address, out var host, out var port, out var error)
            ? (host, port)
            : throw new ActionTemplateException($"node {Echo.Quote(target.Name)}: {error}");
}
