using System.Text;
using FleetOps.Core.Results;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>Status, headers and the start of the body of a response, read without buffering more than the facts keep.</summary>
internal static class HttpResponseFacts
{
    public static async Task<ProbeFacts> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            headers[name] = string.Join(", ", values);
        return new ProbeFacts
        {
            Connected = true,
            Status = (int)response.StatusCode,
            Headers = headers,
            Body = await ReadBodyAsync(response.Content, ProbeFacts.MaxBodyChars, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>At most <paramref name="maxBytes"/> bytes (so at most as many characters); the rest is never read.</summary>
    public static async Task<string> ReadBodyAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var size = (int)Math.Min(content.Headers.ContentLength ?? maxBytes, maxBytes);
        if (size == 0) return "";
        var buffer = new byte[size];
        var length = 0;
        await using (var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                length += read;
        }
        return EncodingOf(content).GetString(buffer, 0, length);
    }

    private static Encoding EncodingOf(HttpContent content)
    {
        if (content.Headers.ContentType?.CharSet is { } charset)
        {
            try { return Encoding.GetEncoding(charset.Trim('"')); }
            catch (ArgumentException) { } // unknown charset: UTF-8 is the best guess
        }
        return Encoding.UTF8;
    }
}
