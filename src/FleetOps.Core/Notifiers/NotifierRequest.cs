namespace FleetOps.Core.Notifiers;

/// <summary>
/// The HTTP request that delivers one notification, built purely; the sender sends it as it is (through the
/// notifier allow-list). <see cref="ToString"/> shows only <see cref="Destination"/>, which never holds a secret:
/// headers and a secret URL stay out of logs.
/// </summary>
public sealed record NotifierRequest(
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    string Destination)
{
    public const string Method = "POST";
    public const string ContentType = "application/json";
    public const string IdempotencyHeader = "Idempotency-Key";

    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public override string ToString() => $"{Method} {Destination}";
}
