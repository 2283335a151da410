using FleetOps.Core.Contracts;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FleetOps.Core.Notifiers;

/// <summary>
/// Reads a secret as a JSON string (inline) or <c>{ "fromSetting": "NAME" }</c>, and writes it back the same way (for
/// storage; responses use <see cref="SecretText.Redacted"/>). Unknown fields in the object are errors under strict
/// options, skipped otherwise, as everywhere else.
/// </summary>
public sealed class SecretTextConverter : JsonConverter<SecretText>
{
    private const string SettingField = "fromSetting";

    public override SecretText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return SecretText.Inline(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("a secret is a string, or { \"fromSetting\": \"NAME\" } to read it from an app setting");

        string? setting = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            if (string.Equals(property, SettingField, options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                if (reader.TokenType != JsonTokenType.String) throw new JsonException("fromSetting must be a string: the name of an app setting");
                setting = reader.GetString();
            }
            else if (options.UnmappedMemberHandling == JsonUnmappedMemberHandling.Disallow)
            {
                throw new JsonException($"unknown field {Echo.Quote(property)}: a secret reference has only fromSetting");
            }
            else
            {
                reader.Skip();
            }
        }
        return setting is null ? throw new JsonException("a secret reference needs fromSetting: { \"fromSetting\": \"NAME\" }") : SecretText.Setting(setting);
    }

    public override void Write(Utf8JsonWriter writer, SecretText value, JsonSerializerOptions options)
    {
        if (value.IsInline)
        {
            writer.WriteStringValue(value.InlineValue);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString(SettingField, value.FromSetting);
        writer.WriteEndObject();
    }
}
