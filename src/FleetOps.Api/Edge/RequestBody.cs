using FleetOps.Core.Contracts;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Api;

/// <summary>
/// Reads a request body under a limit, after checking its Content-Type: every over-limit body is a 413 problem naming
/// <c>body</c>, whether it declared its length or came chunked (the server's own cap included), and every other
/// media type a 415 naming <c>Content-Type</c>.
/// </summary>
public static class RequestBody
{
    public static async Task<(ReadOnlyMemory<byte> Body, ApiResponse? Problem)> ReadAsync(
        HttpRequest request, MediaTypes accepted, CancellationToken ct, long limit = RequestReader.MaxBodyBytes)
    {
        var instance = request.Path.Value;
        if (accepted.Check(request.ContentType) is { } wrongType) return (default, Problems.UnsupportedMediaType(wrongType, instance));
        if (request.ContentLength > limit) return (default, Problems.TooLarge(limit, instance));
        try
        {
            var body = await ReadLimitedAsync(request.Body, limit, ct).ConfigureAwait(false);
            return body is null ? (default, Problems.TooLarge(limit, instance)) : (body.Value, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, Problems.TooLarge(limit, instance)); // the server's own cap, met mid-read
        }
    }

    /// <summary>Null when the body is larger than the limit (a chunked body has no Content-Length to check first).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
