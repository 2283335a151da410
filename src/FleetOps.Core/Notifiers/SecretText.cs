using FleetOps.Core.Contracts;
using System.Text.Json.Serialization;

namespace FleetOps.Core.Notifiers;

/// <summary>
/// A secret in a notifier definition: given inline (<c>"https://hooks.slack.com/..."</c>) or by reference to an app
/// setting / environment variable read at send time (<c>{ "fromSetting": "SLACK_URL" }</c>). Its text never appears
/// in <see cref="ToString"/>, logs or GET responses (<see cref="Redacted"/>).
/// </summary>
[JsonConverter(typeof(SecretTextConverter))]
public sealed class SecretText : IEquatable<SecretText>
{
    private readonly string? _inline;

    private SecretText(string? inline, string? fromSetting)
    {
        _inline = inline;
        FromSetting = fromSetting;
    }

    public static SecretText Inline(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);
    public static SecretText Setting(string name) => new(null, name ?? throw new ArgumentNullException(nameof(name)));

    /// <summary>The setting it is read from; null for an inline secret.</summary>
    public string? FromSetting { get; }

    public bool IsInline => FromSetting is null;

    /// <summary>The inline text, for validation and storage only: never log it or return it.</summary>
    internal string? InlineValue => _inline;

    /// <summary>What GET shows: <c>"set"</c> for an inline secret, <c>{ "fromSetting": NAME }</c> for a reference.</summary>
    public object Redacted => IsInline ? "set" : new Dictionary<string, string> { ["fromSetting"] = FromSetting! };

    /// <summary>The secret's text now: inline, or the setting's current value.</summary>
    /// <exception cref="NotifierConfigException">The setting is not set (permanent until someone sets it).</exception>
    public string Resolve(ISecretSource secrets, string field)
    {
        if (IsInline) return _inline!;
        ArgumentNullException.ThrowIfNull(secrets);
        var value = secrets.Get(FromSetting!);
        return string.IsNullOrEmpty(value)
            ? throw new NotifierConfigException($"{field}: the setting {Echo.Quote(FromSetting)} is not set on this host")
            : value;
    }

    public override string ToString() => IsInline ? "secret" : $"from setting {FromSetting}";

    public bool Equals(SecretText? other) => other is not null && _inline == other._inline && FromSetting == other.FromSetting;
    public override bool Equals(object? obj) => Equals(obj as SecretText);
    public override int GetHashCode() => HashCode.Combine(_inline, FromSetting);
}

/// <summary>Where <c>fromSetting</c> secrets are read at send time (app settings, environment variables).</summary>
public interface ISecretSource
{
    string? Get(string name);
}

/// <summary>A notifier that cannot send as configured (a missing setting, a secret that is not a URL). Permanent: retrying will not help.</summary>
public sealed class NotifierConfigException(string message) : Exception(message);
