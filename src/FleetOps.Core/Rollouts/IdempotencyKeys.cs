using System.Security.Cryptography;
using System.Text;

namespace FleetOps.Core.Rollouts;

/// <summary>
/// The <c>Idempotency-Key</c> a node gets with its action: <c>{runId}/{node}</c>, or <c>{runId}/{node}/rollback</c>.
/// Any node name makes a valid header value: the name's UTF-8 bytes are percent-encoded except the RFC 3986
/// unreserved characters (<c>A-Z a-z 0-9 - . _ ~</c>), so plain names read as they are (<c>run-7/web-01.example</c>)
/// and <c>nodé</c> becomes <c>nod%C3%A9</c>. An encoded name longer than <see cref="MaxEncodedName"/> characters is
/// replaced by <c>#sha256:</c> and the hex SHA-256 of its UTF-8 bytes. The encoding is one-to-one: '%', '#' and '/'
/// are always encoded, so no name reads as another, as a hash, or as another node's rollback key.
/// </summary>
public static class IdempotencyKeys
{
    public const int MaxEncodedName = 200;
    public const string HashPrefix = "#sha256:";

    public static string For(string runId, string node, bool rollback) =>
        rollback ? $"{runId}/{EncodeNode(node)}/rollback" : $"{runId}/{EncodeNode(node)}";

    public static string EncodeNode(string node)
    {
        var bytes = Encoding.UTF8.GetBytes(node);
        var encoded = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (encoded.Length > MaxEncodedName) break;
            if (IsUnreserved(b)) encoded.Append((char)b);
            else encoded.Append('%').Append(Convert.ToHexString([b]));
        }
        return encoded.Length <= MaxEncodedName ? encoded.ToString() : HashPrefix + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';
}
