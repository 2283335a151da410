using System.Security.Cryptography;
using System.Text;

namespace FleetOps.Workflows.Monitors;

/// <summary>
/// A heartbeat monitor's token: 256 random bits, base64url (43 characters), shown once when minted. It is the
/// credential of <c>/api/heartbeats/{token}</c>, so only its SHA-256 is stored (and used to look it up).
/// </summary>
public static class HeartbeatTokens
{
    public const int Length = 43;

    public static (string Token, string Hash) Mint()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Shaped like a token we mint: anything else is not looked up at all.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What <c>_heartbeats/{hash}.json</c> points to.</summary>
public sealed record HeartbeatIndexEntry(string Monitor, string Incarnation);

/// <summary>A beat or a reported failure, as stored for the monitor's next cycle to judge.</summary>
public sealed record HeartbeatSignal(DateTimeOffset At)
{
    public string? Message { get; init; }
}
