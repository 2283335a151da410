using System.Text.Json;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Builds a <see cref="DocNode"/> tree from JSON. Comments and trailing commas are allowed (inventories are edited
/// by hand); duplicate keys are an error, since which one wins would otherwise be a silent guess.
/// </summary>
internal static class JsonDocReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = InventoryLimits.MaxDepth,
    };

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = Options.AllowTrailingCommas,
        CommentHandling = Options.CommentHandling,
        MaxDepth = Options.MaxDepth,
    };

    public static DocNode Read(string text)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        // A \u escape that is half a character would throw InvalidOperationException when its string is read.
        if (JsonText.Problem(utf8, ReaderOptions) is { } notText) throw new InventoryFormatException("JSON", notText);
        try
        {
            using var document = JsonDocument.Parse(utf8, Options);
            return Convert(document.RootElement, "$");
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            throw new InventoryFormatException($"line {line}", "JSON: " + Clean(ex.Message), line, column, ex);
        }
    }

    // Depth is bounded by Options.MaxDepth, so recursion is safe here.
    private static DocNode Convert(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = DocNode.Map();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var member = DocNode.Member(path, property.Name);
                    if (!keys.Add(property.Name)) throw new InventoryFormatException(member, $"duplicate key {Echo.Quote(property.Name)}");
                    map.Entries.Add(new DocEntry(property.Name, Convert(property.Value, member), 0, 0));
                }
                return map;
            case JsonValueKind.Array:
                var seq = DocNode.Seq();
                var index = 0;
                foreach (var item in element.EnumerateArray()) seq.Items.Add(Convert(item, DocNode.Index(path, index++)));
                return seq;
            case JsonValueKind.String:
                return DocNode.Scalar(DocKind.String, element.GetString()!);
            case JsonValueKind.Number:
                return DocNode.Scalar(DocKind.Number, element.GetRawText());
            case JsonValueKind.True or JsonValueKind.False:
                return DocNode.Scalar(DocKind.Bool, element.GetRawText());
            default:
                return DocNode.Null;
        }
    }

    // "... LineNumber: 3 | BytePositionInLine: 4." repeats what the location already says.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd(' ', '|', '.') : message;
    }
}
