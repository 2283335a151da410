using System.Text;
using System.Text.Json;

namespace FleetOps.Core.Contracts;

/// <summary>
/// A pre-pass over request bytes that refuses a key given twice in one object, at any depth (nested objects, arrays
/// of objects, <c>labels</c> and <c>headers</c> maps). The deserializer would silently keep the last value, and the
/// JSON tree would throw. Fields match ignoring case, so keys that differ only in case are duplicates too.
/// Kept apart from the deserialization itself: it only reads tokens, in one linear pass.
/// </summary>
public static class DuplicateKeys
{
    /// <summary>More are not reported: the first ones say what is wrong.</summary>
    private const int MaxReported = 20;

    /// <summary>Throws <see cref="RequestValidationException"/> naming each duplicated key's path. Broken JSON is left to the reader.</summary>
    public static void Check(ReadOnlySpan<byte> json)
    {
        var errors = new List<ValidationError>();
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read() && errors.Count < MaxReported)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        frame.Key = reader.GetString()!;
                        if (!frame.Keys!.Add(frame.Key))
                            errors.Add(new ValidationError(PathOf(frames), $"duplicate key '{frame.Key}': a key may appear only once in an object"));
                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return; // not well-formed: the reader reports where
        }
        if (errors.Count > 0) throw new RequestValidationException(errors);
    }

    /// <summary>A value starts: in an array it is the next element.</summary>
    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && !frames[^1].IsObject) frames[^1].Index++;
    }

    /// <summary>"targets[3].labels.env", as the deserializer names fields.</summary>
    private static string PathOf(List<Frame> frames)
    {
        var sb = new StringBuilder();
        foreach (var f in frames)
        {
            if (f.IsObject)
            {
                if (sb.Length > 0) sb.Append('.');
                sb.Append(f.Key);
            }
            else if (f.Index >= 0)
            {
                sb.Append('[').Append(f.Index).Append(']');
            }
        }
        return sb.Length == 0 ? "body" : sb.ToString();
    }

    private sealed class Frame(bool isObject)
    {
        public bool IsObject { get; } = isObject;
        public HashSet<string>? Keys { get; } = isObject ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null;
        public string? Key { get; set; }
        public int Index { get; set; } = -1;
    }
}
