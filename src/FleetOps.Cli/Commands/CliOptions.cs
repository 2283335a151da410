using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace FleetOps.Cli.Commands;

/// <summary>Option shapes the commands share: bounded numbers, output folders, --json.</summary>
internal static class CliOptions
{
    /// <summary>An integer option with a default, refused (at parse time, exit 2) outside [min, max].</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int min, int max) => new(name)
    {
        Description = $"{description} ({min.ToString(CultureInfo.InvariantCulture)}-{max.ToString(CultureInfo.InvariantCulture)})",
        DefaultValueFactory = _ => defaultValue,
        HelpName = "N",
        CustomParser = result => Bounded(result, name, min, max) ?? defaultValue,
    };

    /// <summary>An optional integer option (absent = null), refused outside [min, max].</summary>
    public static Option<int?> OptionalInt(string name, string description, int min, int max) => new(name)
    {
        Description = $"{description} ({min.ToString(CultureInfo.InvariantCulture)}-{max.ToString(CultureInfo.InvariantCulture)})",
        HelpName = "N",
        CustomParser = result => Bounded(result, name, min, max),
    };

    /// <summary>
    /// A comma-separated list of integers (absent = null), each refused outside [min, max] with an error naming the
    /// option, the list and the item: "<paramref name="name"/> '1000,x': 'x' is not <paramref name="what"/> from 1 to ...".
    /// </summary>
    public static Option<IReadOnlyList<int>?> IntList(string name, string description, string what, int min, int max) => new(name)
    {
        Description = description,
        HelpName = "N,N,...",
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            var values = new List<int>();
            foreach (var part in text.Split(','))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
                {
                    result.AddError($"{name} '{text}': '{part}' is not {what} from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
                    return null;
                }
                values.Add(value);
            }
            return values;
        },
    };

    /// <summary>
    /// Parses and range-checks in one step: a validator reading the value would throw on text that is no number,
    /// where this adds a parse error naming the option.
    /// </summary>
    private static int? Bounded(ArgumentResult result, string name, int min, int max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            result.AddError($"{name} '{text}' is not a whole number");
        else if (value < min || value > max)
            result.AddError($"{name} must be from {min} to {max}, not {value}");
        else
            return value;
        return null;
    }

    public static Option<string?> Out(string description, string? defaultValue = null) => new("--out")
    {
        Description = description,
        HelpName = "DIR",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<bool> Json(string what) => new("--json") { Description = $"print {what} as the server's JSON instead of a table" };

    /// <summary>An argument naming a file that must exist (checked at parse time).</summary>
    public static Argument<FileInfo> ExistingFile(string name, string description)
    {
        var argument = new Argument<FileInfo>(name) { Description = description };
        argument.AcceptExistingOnly();
        return argument;
    }

    /// <summary>A file's text; a file that cannot be read is a usage error.</summary>
    public static async Task<string> ReadAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {file.FullName}: {e.Message}");
        }
    }
}
