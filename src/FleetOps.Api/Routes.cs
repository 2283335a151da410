namespace FleetOps.Api;

/// <summary>
/// The route table, written once: the self-host maps its endpoints from <see cref="Table"/>, the typed client builds
/// its paths from it, and a test holds the Functions triggers' attributes (which must stay literal, since the
/// Functions SDK generates functions.metadata from them) to exactly the same (name, verb, route) set.
/// Adding a route: a row here, a handler method, a Functions trigger.
/// </summary>
public static class Routes
{
    /// <summary>Both hosts serve under /api (Functions' default routePrefix, also set in host.json).</summary>
    public const string Prefix = "api";

    // Templates as constants: the Functions triggers' attributes take these.
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
    public const string Notifiers = "notifiers";
    public const string Notifier = "notifiers/{name}";
    public const string NotifierTest = "notifiers/{name}/test";
    public const string OpenApi = "openapi.json";
    public const string Monitors = "monitors";
    public const string Monitor = "monitors/{name}";
    public const string MonitorPause = "monitors/{name}/pause";
    public const string MonitorResume = "monitors/{name}/resume";
    public const string MonitorTargets = "monitors/{name}/targets";
    public const string MonitorUptime = "monitors/{name}/uptime";
    public const string MonitorEvents = "monitors/{name}/events";
    public const string Heartbeat = "heartbeats/{token}";
    public const string HeartbeatFail = "heartbeats/{token}/fail";
    public const string Dashboard = "dashboard";
    public const string MonitorSummary = "monitors/{name}/summary";
    public const string Metrics = "metrics";
    public const string MonitorUptimeDays = "monitors/{name}/uptime/days";
    public const string InventoryHosts = "inventories/{name}/hosts";

    public static readonly ApiRoute StartSweep = new("StartSweep", "POST", Sweeps, [],
        c => c.Service<RunsApi>().StartSweepAsync(c.Request, c.Client, c.Ct));
    public static readonly ApiRoute ListRuns = new("ListRuns", "GET", Runs, [RunsApi.StatusQuery, RunsApi.LimitQuery, RunsApi.ContinuationQuery],
        c => c.Service<RunsApi>().ListRunsAsync(c.Request, c.Client, c.Ct));
    public static readonly ApiRoute GetRun = new("GetRun", "GET", Run, [],
        c => c.Service<RunsApi>().GetRunAsync(c["id"], c.Client, c.Ct));
    public static readonly ApiRoute GetRunReport = new("GetRunReport", "GET", RunReport, [ReportsApi.FormatQuery, ReportsApi.DiffQuery],
        c => c.Service<ReportsApi>().GetReportAsync(c["id"], c.Request, c.Client, c.Ct));
    public static readonly ApiRoute CancelRun = new("CancelRun", "POST", RunCancel, [],
        c => c.Service<RunsApi>().CancelAsync(c["id"], c.Client, c.Ct));
    public static readonly ApiRoute ListInventories = new("ListInventories", "GET", Inventories, [],
        c => c.Service<InventoriesApi>().ListAsync(c.Ct));
    public static readonly ApiRoute PutInventory = new("PutInventory", "PUT", Inventory, [InventoriesApi.FormatQuery],
        c => c.Service<InventoriesApi>().PutAsync(c["name"], c.Request, c.Ct));
    public static readonly ApiRoute GetInventory = new("GetInventory", "GET", Inventory, [InventoriesApi.SelectorQuery],
        c => c.Service<InventoriesApi>().GetAsync(c["name"], c.Request, c.Ct));
    public static readonly ApiRoute DeleteInventory = new("DeleteInventory", "DELETE", Inventory, [],
        c => c.Service<InventoriesApi>().DeleteAsync(c["name"], c.Request, c.Ct));
    public static readonly ApiRoute StartRollout = new("StartRollout", "POST", Rollouts, [],
        c => c.Service<RolloutsApi>().StartAsync(c.Request, c.Client, c.Ct));
    public static readonly ApiRoute ApproveRun = new("ApproveRun", "POST", RunApprove, [],
        c => c.Service<RolloutsApi>().DecideAsync(c["id"], approve: true, c.Request, c.Client, c.Ct));
    public static readonly ApiRoute RejectRun = new("RejectRun", "POST", RunReject, [],
        c => c.Service<RolloutsApi>().DecideAsync(c["id"], approve: false, c.Request, c.Client, c.Ct));
    public static readonly ApiRoute PauseRun = new("PauseRun", "POST", RunPause, [],
        c => c.Service<RolloutsApi>().PauseAsync(c["id"], c.Request, c.Client, c.Ct));
    public static readonly ApiRoute ResumeRun = new("ResumeRun", "POST", RunResume, [],
        c => c.Service<RolloutsApi>().ResumeAsync(c["id"], c.Request, c.Client, c.Ct));
    public static readonly ApiRoute RetuneRun = new("RetuneRun", "POST", RunRetune, [],
        c => c.Service<RolloutsApi>().RetuneAsync(c["id"], c.Request, c.Client, c.Ct));
    public static readonly ApiRoute ListNotifiers = new("ListNotifiers", "GET", Notifiers, [],
        c => c.Service<NotifiersApi>().ListAsync(c.Ct));
    public static readonly ApiRoute PutNotifier = new("PutNotifier", "PUT", Notifier, [],
        c => c.Service<NotifiersApi>().PutAsync(c["name"], c.Request, c.Ct));
    public static readonly ApiRoute GetNotifier = new("GetNotifier", "GET", Notifier, [],
        c => c.Service<NotifiersApi>().GetAsync(c["name"], c.Request, c.Ct));
    public static readonly ApiRoute DeleteNotifier = new("DeleteNotifier", "DELETE", Notifier, [],
        c => c.Service<NotifiersApi>().DeleteAsync(c["name"], c.Request, c.Ct));
    public static readonly ApiRoute TestNotifier = new("TestNotifier", "POST", NotifierTest, [],
        c => c.Service<NotifiersApi>().TestAsync(c["name"], c.Request, c.Ct));

    public static readonly ApiRoute GetOpenApi = new("GetOpenApi", "GET", OpenApi, [],
        _ => Task.FromResult(FleetOps.Api.OpenApi.OpenApiDocument.Response()));

    public static readonly ApiRoute ListMonitors = new("ListMonitors", "GET", Monitors, [MonitorsApi.LimitQuery, MonitorsApi.ContinuationQuery],
        c => c.Service<MonitorsApi>().ListAsync(c.Request, c.Ct));
    public static readonly ApiRoute PutMonitor = new("PutMonitor", "PUT", Monitor, [],
        c => c.Service<MonitorsApi>().PutAsync(c["name"], c.Request, c.Client, c.Ct));
    public static readonly ApiRoute GetMonitor = new("GetMonitor", "GET", Monitor, [],
        c => c.Service<MonitorsApi>().GetAsync(c["name"], c.Client, c.Ct));
    public static readonly ApiRoute DeleteMonitor = new("DeleteMonitor", "DELETE", Monitor, [],
        c => c.Service<MonitorsApi>().DeleteAsync(c["name"], c.Client, c.Ct));
    public static readonly ApiRoute PauseMonitor = new("PauseMonitor", "POST", MonitorPause, [],
        c => c.Service<MonitorsApi>().SetPausedAsync(c["name"], paused: true, c.Client, c.Ct));
    public static readonly ApiRoute ResumeMonitor = new("ResumeMonitor", "POST", MonitorResume, [],
        c => c.Service<MonitorsApi>().SetPausedAsync(c["name"], paused: false, c.Client, c.Ct));
    public static readonly ApiRoute GetMonitorTargets = new("GetMonitorTargets", "GET", MonitorTargets,
        [MonitorStateApi.StateQuery, MonitorsApi.LimitQuery, MonitorsApi.ContinuationQuery],
        c => c.Service<MonitorStateApi>().TargetsAsync(c["name"], c.Request, c.Ct));
    public static readonly ApiRoute GetMonitorUptime = new("GetMonitorUptime", "GET", MonitorUptime,
        [MonitorStateApi.WindowQuery, MonitorsApi.LimitQuery, MonitorsApi.ContinuationQuery],
        c => c.Service<MonitorStateApi>().UptimeAsync(c["name"], c.Request, c.Ct));
    public static readonly ApiRoute GetMonitorEvents = new("GetMonitorEvents", "GET", MonitorEvents, [MonitorsApi.LimitQuery, MonitorsApi.ContinuationQuery],
        c => c.Service<MonitorStateApi>().EventsAsync(c["name"], c.Request, c.Ct));
    public static readonly ApiRoute PostHeartbeat = new("PostHeartbeat", "POST", Heartbeat, [],
        c => c.Service<HeartbeatsApi>().BeatAsync(c["token"], c.Ct)) { Anonymous = true };
    public static readonly ApiRoute GetHeartbeat = new("GetHeartbeat", "GET", Heartbeat, [],
        c => c.Service<HeartbeatsApi>().BeatAsync(c["token"], c.Ct)) { Anonymous = true };
    public static readonly ApiRoute FailHeartbeat = new("FailHeartbeat", "POST", HeartbeatFail, [],
        c => c.Service<HeartbeatsApi>().FailAsync(c["token"], c.Request, c.Ct)) { Anonymous = true };

    /// <summary>The live dashboard's page (the self-host also serves it at /); its scripts call the routes above.</summary>
    public static readonly ApiRoute GetDashboard = new("GetDashboard", "GET", Dashboard, [],
        _ => Task.FromResult(FleetOps.Api.Dashboard.DashboardPage.Response()));

    /// <summary>A monitor as GetMonitor answers, without its listed targets (what the dashboard polls).</summary>
    public static readonly ApiRoute GetMonitorSummary = new("GetMonitorSummary", "GET", MonitorSummary, [],
        c => c.Service<MonitorsApi>().GetAsync(c["name"], c.Client, c.Ct, summary: true));

    /// <summary>The FleetOps meter in Prometheus' text format, for a scrape (the self-host also serves it at /metrics).</summary>
    public static readonly ApiRoute GetMetrics = new("GetMetrics", "GET", Metrics, [],
        c => Task.FromResult(FleetOps.Api.Metrics.MetricsScrape.Response(c.Request)));
    /// <summary>A page of targets with their uptime per day (the dashboard's 90-day bars).</summary>
    public static readonly ApiRoute GetMonitorUptimeDays = new("GetMonitorUptimeDays", "GET", MonitorUptimeDays,
        [MonitorStateApi.DaysQuery, MonitorsApi.LimitQuery, MonitorsApi.ContinuationQuery],
        c => c.Service<MonitorStateApi>().UptimeDaysAsync(c["name"], c.Request, c.Ct));

    /// <summary>A page of an inventory's hosts (name, address, groups, labels), optionally those a selector picks.</summary>
    public static readonly ApiRoute ListInventoryHosts = new("ListInventoryHosts", "GET", InventoryHosts,
        [InventoriesApi.SelectorQuery, MonitorsApi.LimitQuery, MonitorsApi.ContinuationQuery],
        c => c.Service<InventoriesApi>().HostsAsync(c["name"], c.Request, c.Ct));

    public static readonly IReadOnlyList<ApiRoute> Table =
    [
        StartSweep, ListRuns, GetRun, GetRunReport, CancelRun,
        ListInventories, PutInventory, GetInventory, DeleteInventory,
        StartRollout, ApproveRun, RejectRun, PauseRun, ResumeRun, RetuneRun,
        ListNotifiers, PutNotifier, GetNotifier, DeleteNotifier, TestNotifier,
        GetOpenApi,
        ListMonitors, PutMonitor, GetMonitor, DeleteMonitor, PauseMonitor, ResumeMonitor,
        GetMonitorTargets, GetMonitorUptime, GetMonitorEvents, PostHeartbeat, GetHeartbeat, FailHeartbeat,
        GetDashboard, GetMonitorSummary,
        GetMetrics,
        GetMonitorUptimeDays, ListInventoryHosts,
    ];

    /// <summary>The route a Functions function serves, by its name (the table's names are the function names).</summary>
    public static ApiRoute? Named(string name) => Table.FirstOrDefault(r => r.Name == name);

    public static string RunPath(string id) => GetRun.Path(id);
    public static string ReportPath(string id) => GetRunReport.Path(id);
    public static string CancelPath(string id) => CancelRun.Path(id);
}
