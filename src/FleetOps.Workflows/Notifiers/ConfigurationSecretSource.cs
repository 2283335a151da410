using FleetOps.Core.Notifiers;
using Microsoft.Extensions.Configuration;

namespace FleetOps.Workflows.Notifiers;

/// <summary>
/// <c>fromSetting</c> secrets read at send time from the host's configuration: app settings and environment variables
/// (Functions and the self-host alike). A setting that configures FleetOps or its host is never read, even if a
/// definition stored by an older version names one (<see cref="SecretSettings"/>).
/// </summary>
public sealed class ConfigurationSecretSource(IConfiguration configuration) : ISecretSource
{
    public string? Get(string name) => SecretSettings.Check(name) is null ? configuration[name] : null;
}
