using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Tells inventory formats apart without parsing them fully. The rules, in order:
/// <list type="number">
/// <item>Extension .ini → Ansible INI. .json and .yml/.yaml pick the family; the content picks within it.</item>
/// <item>A JSON or YAML list (first character '[' followed by '{', '"' or ']'; or a leading "- ") → file_sd.</item>
/// <item>A mapping whose top-level keys include <c>all</c>, or include none of defaults/groups/hosts → Ansible YAML;
/// otherwise native. JSON objects are JSON whatever the extension.</item>
/// <item>No known extension, by the first line that is not blank or a comment: an INI section header → Ansible INI;
/// "key:" or "key: value" → YAML as above; "host" or "host key=value ..." → Ansible INI; anything else is an error.</item>
/// </list>
/// </summary>
internal static partial class InventoryFormatDetector
{
    private static readonly HashSet<string> NativeKeys = new(StringComparer.Ordinal) { "defaults", "groups", "hosts" };

    // "key:" or "key: value" at the start of a line, key plain or quoted (an INI "host:22" has no space after ':').
    [GeneratedRegex("""^(?:"(?<k>[^"]*)"|'(?<k>[^']*)'|(?<k>[^\s#'"=:\-\[{][^=]*?))\s*:(?:\s|$)""")]
    private static partial Regex YamlKeyLine();

    // A host line: a name or pattern, then only key=value words (or a comment).
    [GeneratedRegex(@"^[\w.\-\[\]:%]+(?:\s+(?:[^\s=#]+=\S*|#.*))*\s*$")]
    private static partial Regex IniHostLine();

    [GeneratedRegex(@"^\[[^\]\s]+\]\s*(?:[#;].*)?$")]
    private static partial Regex IniSection();

    public static InventoryFormat Detect(string text, string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var start = text.AsSpan().TrimStart();
        var first = start.Length > 0 ? start[0] : '\0';

        if (extension == ".ini") return InventoryFormat.AnsibleIni;
        if (first == '\0') return InventoryFormat.Native;
        if (first == '{') return FromKeys(JsonTopLevelKeys(text));
        if (first == '[' && IsJsonList(start)) return InventoryFormat.FileSd;
        if (extension is ".json") return first == '[' ? InventoryFormat.FileSd : InventoryFormat.Native; // the reader says what is wrong
        if (extension is ".yml" or ".yaml") return DetectYaml(text);

        var (line, number) = FirstSignificantLine(text);
        if (line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith('%') || line.StartsWith("- ", StringComparison.Ordinal) || line == "-")
            return DetectYaml(text);
        if (IniSection().IsMatch(line)) return InventoryFormat.AnsibleIni;
        // Before the host-line test: "all:" could be a host with an empty port, but only YAML means it.
        if (YamlKeyLine().IsMatch(line)) return DetectYaml(text);
        if (IniHostLine().IsMatch(line)) return InventoryFormat.AnsibleIni;
        throw new InventoryFormatException($"line {number}",
            $"cannot tell the inventory format from {Echo.Quote(line)}: expected a JSON object or list, YAML 'key:' lines, or an INI [group] or host line",
            number);
    }

    private static InventoryFormat DetectYaml(string text)
    {
        var (line, _) = FirstSignificantLine(text, skipYamlMarkers: true);
        if (line.StartsWith('-') || line.StartsWith('[')) return InventoryFormat.FileSd;
        var keys = new List<string>();
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            // Only unindented lines hold top-level keys; the indented bulk of a big inventory is skipped cheaply.
            if (raw.Length == 0 || char.IsWhiteSpace(raw[0]) || raw[0] is '#' or '-' or '.' or '%') continue;
            var match = YamlKeyLine().Match(raw.ToString());
            if (match.Success) keys.Add(match.Groups["k"].Value);
        }
        return FromKeys(keys);
    }

    private static InventoryFormat FromKeys(IReadOnlyCollection<string> keys) =>
        keys.Contains(AnsibleGroupGraph.All) || (keys.Count > 0 && !keys.Any(NativeKeys.Contains))
            ? InventoryFormat.AnsibleYaml
            : InventoryFormat.Native;

    private static List<string> JsonTopLevelKeys(string text)
    {
        var keys = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = InventoryLimits.MaxDepth,
        });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return keys;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                keys.Add(reader.GetString()!);
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Broken JSON: decide on the keys seen so far; the parser reports the error with its position.
        }
        return keys;
    }

    private static bool IsJsonList(ReadOnlySpan<char> start)
    {
        var rest = start[1..].TrimStart();
        return rest.Length == 0 || rest[0] is '{' or ']' or '"';
    }

    private static (string Line, int Number) FirstSignificantLine(string text, bool skipYamlMarkers = false)
    {
        var number = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (skipYamlMarkers && (line.StartsWith("---") || line[0] == '%')) continue;
            return (line.ToString(), number);
        }
        return ("", Math.Max(number, 1));
    }
}
