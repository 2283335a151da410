using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FleetOps.Testing;

/// <summary>A request README.md shows: the verb and path its marker names, and each JSON value of its block.</summary>
public sealed record ReadmeExample(int Line, string Method, string Path, IReadOnlyList<string> Bodies)
{
    public override string ToString() => $"README.md:{Line} {Method} {Path}";
}

/// <summary>
/// The JSON examples of README.md. Every <c>```json</c> block is marked on the line before it, either
/// <c>&lt;!-- request: PUT /api/monitors/edge --&gt;</c> (a request body, checked against the OpenAPI document and sent to
/// a running host), <c>&lt;!-- response --&gt;</c> (an answer) or <c>&lt;!-- settings --&gt;</c> (configuration), shown only.
/// A block may hold several JSON values.
/// </summary>
public static partial class ReadmeExamples
{
    public static string Text => File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    public static IReadOnlyList<ReadmeExample> Requests(string readme) =>
        [.. Blocks(readme).Where(b => b.Marker.Groups["method"].Success)
            .Select(b => new ReadmeExample(b.Line, b.Marker.Groups["method"].Value, b.Marker.Groups["path"].Value, Values(b.Json)))];

    /// <summary>The lines of <c>```json</c> blocks that carry no marker: a test fails on each, so no example slips by.</summary>
    public static IReadOnlyList<int> Unmarked(string readme) => [.. Blocks(readme).Where(b => !b.Marker.Success).Select(b => b.Line)];

    private sealed record Block(int Line, Match Marker, string Json);

    private static IEnumerable<Block> Blocks(string readme)
    {
        var lines = readme.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```json") continue;
            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            var marker = Marker().Match(i > 0 ? lines[i - 1] : "");
            yield return new Block(i + 1, marker, string.Join('\n', lines[(i + 1)..end]));
            i = end;
        }
    }

    /// <summary>Each JSON value in the block, in order (a block of notifier kinds holds one per line).</summary>
    private static List<string> Values(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        var values = new List<string>();
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            values.Add(Encoding.UTF8.GetString(bytes, start, (int)reader.BytesConsumed - start));
        }
        return values;
    }

    [GeneratedRegex(@"^<!-- (?:request: (?<method>GET|POST|PUT|DELETE) (?<path>/api/\S+)|response|settings) -->$")]
    private static partial Regex Marker();
}
