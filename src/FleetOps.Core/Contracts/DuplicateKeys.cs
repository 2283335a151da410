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
        // One frame per depth, reused: an object's key set is cleared, not reallocated, so the pass allocates little
        // more than the key strings.
        var frames = new List<Frame>();
        var depth = 0;
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read() && errors.Count < MaxReported)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(frames, depth);
                        if (frames.Count == depth) frames.Add(new Frame());
                        frames[depth++].Reset(reader.TokenType == JsonTokenType.StartObject);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        depth--;
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames[depth - 1];
                        frame.Key = reader.GetString()!;
                        if (!frame.Keys.Add(frame.Key))
                            errors.Add(new ValidationError(PathOf(frames, depth), $"duplicate key {Echo.Quote(frame.Key)}: a key may appear only once in an object"));
                        break;
                    default:
                        Advance(frames, depth);
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return; // not well-formed, or not text (JsonText): the reader reports where
        }
        if (errors.Count > 0) throw new RequestValidationException(errors);
    }

    /// <summary>A value starts: in an array it is the next element.</summary>
    private static void Advance(List<Frame> frames, int depth)
    {
        if (depth > 0 && !frames[depth - 1].IsObject) frames[depth - 1].Index++;
    }

    /// <summary>"targets[3].labels.env", as the deserializer names fields.</summary>
    private static string PathOf(List<Frame> frames, int depth)
    {
        var sb = new StringBuilder();
        foreach (var f in frames.Take(depth))
        {
            if (f.IsObject)
            {
                if (sb.Length > 0) sb.Append('.');
                sb.Append(Echo.Key(f.Key ?? ""));
            }
            else if (f.Index >= 0)
            {
                sb.Append('[').Append(f.Index).Append(']');
            }
        }
        return sb.Length == 0 ? "body" : sb.ToString();
    }

    private sealed class Frame
    {
        public bool IsObject { get; private set; }
        public HashSet<string> Keys { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
        public string? Key { get; set; }
        public int Index { get; set; }

        public void Reset(bool isObject)
        {
            IsObject = isObject;
            // A set grown by a big object is dropped, not cleared: clearing costs its capacity, again for every sibling.
            if (Keys.Count > 64) Keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            else if (Keys.Count > 0) Keys.Clear();
            Key = null;
            Index = -1;
        }
    }
}
