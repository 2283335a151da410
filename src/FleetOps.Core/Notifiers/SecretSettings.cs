using FleetOps.Core.Contracts;
using System.Text.RegularExpressions;

namespace FleetOps.Core.Notifiers;

/// <summary>
/// Which settings a <c>fromSetting</c> may name. A notifier sends what it reads to its destination (a routing key in
/// the body, a URL as the address), so settings that configure FleetOps or its host (storage connection strings,
/// API keys, identity endpoints) are refused: a notifier definition must not be a way to read them out.
/// </summary>
public static partial class SecretSettings
{
    public const int MaxNameLength = 128;

    /// <summary>Prefixes (ignoring case) of settings that belong to FleetOps, Functions, App Service or Azure SDKs.</summary>
    public static readonly IReadOnlyList<string> DeniedPrefixes =
    [
        "FleetOps", "AzureWebJobs", "AzureFunctions", "FUNCTIONS_", "WEBSITE_", "APPSETTING_", "APPLICATIONINSIGHTS_",
        "APPINSIGHTS_", "AZURE_", "MSI_", "IDENTITY_", "ConnectionStrings", "DOTNET_", "ASPNETCORE_", "CONTAINER_",
        "DEPLOYMENT_", "SCM_", "CUSTOMCONNSTR_", "SQLCONNSTR_", "SQLAZURECONNSTR_", "MYSQLCONNSTR_", "POSTGRESQLCONNSTR_",
    ];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.:-]*$")]
    private static partial Regex Allowed();

    /// <summary>Null when <paramref name="name"/> may be read by a notifier; otherwise why not.</summary>
    public static string? Check(string name)
    {
        if (name.Length is 0 or > MaxNameLength || !Allowed().IsMatch(name))
            return $"{Echo.Quote(name)} is not a setting name: letters, digits and _ . : - (at most {MaxNameLength}), starting with a letter or _";
        var denied = DeniedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        return denied is null ? null : $"{Echo.Quote(name)} configures FleetOps or its host ({denied}...): notifiers may not read it; use a setting of your own, e.g. SLACK_URL";
    }
}
