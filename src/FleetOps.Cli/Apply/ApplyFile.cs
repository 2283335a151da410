using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;

namespace FleetOps.Cli.Apply;

/// <summary>What <c>fleetops apply -f</c> manages: notifiers and monitors, each a name and its PUT body.</summary>
internal enum ApplyKind { Notifier, Monitor }

/// <summary>One item of the file: its kind, its name (the map key) and the body as written.</summary>
internal sealed record FileItem(ApplyKind Kind, string Name, JsonObject Body);

/// <summary>
/// A parsed apply file: <see cref="Set"/> names the items this file owns (its top-level <c>set:</c>, default the file
/// name without its extension); notifiers and monitors in file order.
/// </summary>
internal sealed record ApplyFile(string FileName, string Set, IReadOnlyList<FileItem> Items)
{
    private static readonly string[] TopLevel = ["set", "notifiers", "monitors"];

    /// <summary>YAML (any extension but .json) or JSON text to items; a file that is not this shape is a <see cref="UsageException"/>.</summary>
    public static ApplyFile Parse(string path, string text)
    {
        var fileName = Path.GetFileName(path);
        var root = ReadTree(fileName, path, text) as JsonObject
            ?? throw Bad(fileName, "must be a mapping with `notifiers:` and/or `monitors:`");
        if (root.Select(p => p.Key).FirstOrDefault(k => !TopLevel.Contains(k, StringComparer.Ordinal)) is { } unknown)
            throw Bad(fileName, $"{Echo.Quote(unknown)} is not a top-level key: use {string.Join(", ", TopLevel)}");
        var set = root["set"] switch
        {
            null => Path.GetFileNameWithoutExtension(path),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw Bad(fileName, "set: must be a string, the name of the set of items this file owns"),
        };
        if (ApplyLabels.SetProblem(set) is { } setProblem) throw Bad(fileName, $"set: {setProblem}");
        var items = Section(fileName, root, "notifiers", ApplyKind.Notifier).Concat(Section(fileName, root, "monitors", ApplyKind.Monitor)).ToList();
        return new ApplyFile(fileName, set, items);
    }

    private static JsonNode? ReadTree(string fileName, string path, string text)
    {
        try
        {
            if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return JsonNode.Parse(YamlJson.Convert(text));
            var bytes = Encoding.UTF8.GetBytes(text);
            RequestReader.CheckSyntax(bytes); // well-formed, no key twice, as the API reads bodies
            return JsonNode.Parse(bytes);
        }
        catch (InventoryFormatException e)
        {
            throw Bad(fileName, e.Message);
        }
        catch (RequestValidationException e)
        {
            throw Bad(fileName, string.Join("; ", e.Errors.Select(x => $"{x.Field}: {x.Message}")));
        }
        catch (JsonException e)
        {
            throw Bad(fileName, e.Message);
        }
    }

    private static IEnumerable<FileItem> Section(string fileName, JsonObject root, string key, ApplyKind kind)
    {
        if (root[key] is null) yield break;
        if (root[key] is not JsonObject section) throw Bad(fileName, $"{key}: must be a mapping of name to definition");
        foreach (var (name, body) in section)
        {
            if (body is not JsonObject definition) throw Bad(fileName, $"{key}.{Echo.Key(name)}: must be a mapping (the PUT body)");
            yield return new FileItem(kind, name, definition);
        }
    }

    private static UsageException Bad(string fileName, string message) => new($"{fileName}: {message}");
}
