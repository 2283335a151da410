using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Hosting;

/// <summary>
/// Runs every <c>ValidateOnStart</c> validation before the host starts anything, and turns a bad setting into ONE
/// line naming it (no stack trace), for the host to print before it exits with code 1.
/// </summary>
public static partial class SettingsCheck
{
    /// <summary>Null when every setting is valid; otherwise the one line to print.</summary>
    public static string? Problem(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (Exception e) when (Describe(e) is { } line)
        {
            return line;
        }
    }

    /// <summary>The one-line description of a settings failure, or null when <paramref name="e"/> is not one.</summary>
    public static string? Describe(Exception e) => e switch
    {
        OptionsValidationException v => "invalid setting " + string.Join("; ", v.Failures),
        AggregateException a when a.InnerExceptions.Count > 0 && a.InnerExceptions.All(i => Describe(i) is not null) =>
            "invalid setting " + string.Join("; ", a.InnerExceptions.Select(i => Describe(i)!["invalid setting ".Length..])),
        InvalidOperationException when ConversionFailure().Match(e.Message) is { Success: true } m =>
            $"invalid setting {m.Groups["key"].Value}: not a valid {Friendly(m.Groups["type"].Value)}",
        _ when e.InnerException is { } inner => Describe(inner),
        _ => null,
    };

    private static string Friendly(string type) => type switch
    {
        "System.TimeSpan" => "duration (hh:mm:ss)",
        "System.Int32" or "System.Int64" => "whole number",
        "System.Boolean" => "boolean (true or false)",
        _ => type,
    };

    // The configuration binder's message: Failed to convert configuration value [...] at 'Key:Path' to type 'T'.
    [GeneratedRegex("at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();
}
