namespace FleetOps.Api;

/// <summary>The HTTP routes, written once: Functions attributes and the self-host's endpoint map both use these.</summary>
public static class Routes
{
    /// <summary>Both hosts serve under /api (Functions' default routePrefix, also set in host.json).</summary>
    public const string Prefix = "api";

    public const string Sweeps = "sweeps";
    public const string Runs = "runs";
    public const string Run = "runs/{id}";
    public const string RunReport = "runs/{id}/report";
    public const string RunCancel = "runs/{id}/cancel";
    public const string Inventories = "inventories";
    public const string Inventory = "inventories/{name}";
    public const string Rollouts = "rollouts";
    public const string RunApprove = "runs/{id}/approve";
    public const string RunReject = "runs/{id}/reject";
    public const string RunPause = "runs/{id}/pause";
    public const string RunResume = "runs/{id}/resume";
    public const string RunRetune = "runs/{id}/retune";

    public static string RunPath(string id) => $"/{Prefix}/runs/{Uri.EscapeDataString(id)}";
    public static string ReportPath(string id) => RunPath(id) + "/report";
    public static string CancelPath(string id) => RunPath(id) + "/cancel";
}
