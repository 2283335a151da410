using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FleetOps.Core.Notifiers;

/// <summary>
/// The webhook signature: <c>sha256=</c> + lowercase hex of HMAC-SHA256(key, <c>"{timestamp}." + body</c>), the
/// timestamp in Unix seconds sent in <see cref="TimestampHeader"/>. Signing the timestamp with the body lets a
/// receiver refuse replays older than a few minutes.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-FleetOps-Signature";
    public const string TimestampHeader = "X-FleetOps-Timestamp";
    public const int MinKeyLength = 16;

    public static string Sign(string key, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message));
    }

    /// <summary>
    /// What a receiver does: the signature matches (compared in constant time) and the timestamp is within
    /// <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string key, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || signatureHeader is null) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(key, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signatureHeader));
    }
}
