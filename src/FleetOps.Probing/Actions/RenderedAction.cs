using System.Net;
using System.Text;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Targets;

using FleetOps.Core.Rollouts;

namespace FleetOps.Probing.Actions;

/// <summary>An <see cref="ActionSpec"/> with one node's values filled in and checked: what goes on the wire, every attempt.</summary>
public sealed record RenderedAction(HttpMethod Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body)
{
    public const string DefaultMethod = ActionLimits.DefaultMethod;
    public const string UserAgent = "FleetOps-Action/1.0";

    /// <summary>Throws <see cref="ActionTemplateException"/> when a value is missing or would not be a valid request.</summary>
    public static RenderedAction For(Target target, ActionSpec action)
    {
        var method = ActionTemplate.Render(action.Method ?? DefaultMethod, target);
        if (method.Length > HttpTokens.MaxMethodLength || !HttpTokens.IsToken(method))
            throw new ActionTemplateException($"method '{method}' is not an HTTP method");
        var urlText = ActionTemplate.Render(action.Url ?? throw new ActionTemplateException("the action has no url"), target, TemplateEncoding.Url);
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new ActionTemplateException($"'{urlText}' is not an absolute http or https URL");
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, template) in action.Headers ?? [])
        {
            var value = ActionTemplate.Render(template ?? throw new ActionTemplateException($"header {name} has no value"), target);
            // Checked after rendering: a label value with a line break must not become a second header.
            if (HttpTokens.CheckValue(value) is { } problem) throw new ActionTemplateException($"header {name} for node '{target.Name}' {problem}");
            headers.Add(new(name, value));
        }
        var body = action.Body is null ? null : ActionTemplate.Render(action.Body, target);
        return new RenderedAction(new HttpMethod(method), url, headers, body);
    }

    /// <summary>A new message (one per attempt: a sent message cannot be sent again) carrying the idempotency key.</summary>
    public HttpRequestMessage ToMessage(string idempotencyKey)
    {
        var request = new HttpRequestMessage(Method, Url) { Version = HttpVersion.Version11 };
        // text/plain like check bodies; a JSON body names its type in the headers.
        if (Body is not null) request.Content = new StringContent(Body, Encoding.UTF8, "text/plain");
        var agent = false;
        foreach (var (name, value) in Headers)
        {
            if (name.Equals(NodeActionClient.IdempotencyHeader, StringComparison.OrdinalIgnoreCase)) continue; // ours wins
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) { request.Headers.Host = value; continue; }
            agent |= name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
            // Content-Type and its kin belong to the body, and only when there is one.
            if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is { } content)
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        if (!agent) request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Headers.TryAddWithoutValidation(NodeActionClient.IdempotencyHeader, idempotencyKey);
        return request;
    }
}
