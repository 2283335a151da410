using FleetOps.Core.Policy;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Hosting;

/// <summary><c>FleetOps:Policy</c>: every Allow and Deny entry must be a CIDR network (or a single address).</summary>
public sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    public const string Section = "FleetOps:Policy";

    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        var errors = new SettingErrors();
        Check(errors, "Allow", options.Allow, entry => _ = new TargetPolicy(allow: [entry]));
        Check(errors, "Deny", options.Deny, entry => _ = new TargetPolicy(deny: [entry]));
        for (var i = 0; i < options.DenyHosts.Count; i++)
            if (string.IsNullOrWhiteSpace(options.DenyHosts[i]) || options.DenyHosts[i].Any(char.IsWhiteSpace))
                errors.Add($"{Section}:DenyHosts:{i}", "must be a host name");
        return errors.Result;
    }

    private static void Check(SettingErrors errors, string list, List<string> entries, Action<string> parse)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            try { parse(entries[i]); }
            catch (ArgumentException) { errors.Add($"{Section}:{list}:{i}", $"'{entries[i]}' is not a CIDR network such as 10.0.0.0/8"); }
        }
    }
}
