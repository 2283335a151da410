using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Hosting;

/// <summary>
/// Collects what is wrong with one options class, each problem as <c>Setting:Path: what is wrong</c>, so the host can
/// stop with one line that names the setting. Never include a secret's value in a message.
/// </summary>
public sealed class SettingErrors
{
    private readonly List<string> _errors = [];

    public void Add(string setting, string problem) => _errors.Add($"{setting}: {problem}");

    public void Positive(string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) Add(setting, $"must be a positive duration (got {value})");
    }

    public void Range(string setting, int value, int min, int max)
    {
        if (value < min || value > max) Add(setting, $"must be between {min} and {max} (got {value})");
    }

    public void HttpUri(string setting, string? value)
    {
        if (value is null) return;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            Add(setting, "must be an absolute http(s) URI");
    }

    public ValidateOptionsResult Result => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
