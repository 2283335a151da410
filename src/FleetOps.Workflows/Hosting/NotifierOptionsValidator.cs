using FleetOps.Core.Notifiers;
using FleetOps.Core.Policy;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Hosting;

/// <summary>
/// <c>FleetOps:Notifiers</c>: where notifiers may send (each Allow entry a host name, <c>*.suffix</c> or network; each
/// Deny entry a network), the per-request timeout and the retry schedule of deliveries.
/// </summary>
public sealed class NotifierOptionsValidator : IValidateOptions<NotifierOptions>
{
    public const string Section = "FleetOps:Notifiers";

    /// <summary>A queue message can be hidden for at most 7 days: a retry cannot wait longer.</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, NotifierOptions options)
    {
        var errors = new SettingErrors();
        for (var i = 0; i < options.Allow.Count; i++)
        {
            try { _ = new NotifierPolicy(new NotifierOptions { Allow = [options.Allow[i]] }); }
            catch (ArgumentException) { errors.Add($"{Section}:Allow:{i}", $"'{options.Allow[i]}' is not a host name (hooks.slack.com), *.suffix (*.pagerduty.com) or network (10.0.0.0/8)"); }
        }
        for (var i = 0; i < options.Deny.Count; i++)
        {
            try { _ = new TargetPolicy(deny: [options.Deny[i]]); }
            catch (ArgumentException) { errors.Add($"{Section}:Deny:{i}", $"'{options.Deny[i]}' is not a CIDR network such as 10.0.0.0/8"); }
        }
        errors.Range($"{Section}:TimeoutMs", options.TimeoutMs, 1, 300_000);
        errors.Range($"{Section}:MaxAttempts", options.MaxAttempts, 1, 100);
        errors.Positive($"{Section}:RetryDelay", options.RetryDelay);
        errors.Positive($"{Section}:MaxRetryDelay", options.MaxRetryDelay);
        if (options.MaxRetryDelay > MaxDelay) errors.Add($"{Section}:MaxRetryDelay", $"must be at most {MaxDelay} (a queue message's longest wait)");
        if (options.RetryDelay > options.MaxRetryDelay) errors.Add($"{Section}:RetryDelay", $"must not be longer than MaxRetryDelay ({options.MaxRetryDelay})");
        return errors.Result;
    }
}
