using FleetOps.Core.Contracts;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Rollouts;

namespace FleetOps.Api.OpenApi;

/// <summary>
/// What each route with a body takes, by route name. A POST or PUT route missing here fails OpenApiDocumentTests,
/// so a new route cannot go undescribed.
/// </summary>
internal static class OpenApiBodies
{
    /// <summary>A JSON body described by a contract record.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Json = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [Routes.StartSweep.Name] = typeof(SweepRequest),
        [Routes.StartRollout.Name] = typeof(RolloutRequest),
        [Routes.ApproveRun.Name] = typeof(ControlBody),
        [Routes.RejectRun.Name] = typeof(ControlBody),
        [Routes.PauseRun.Name] = typeof(ControlBody),
        [Routes.ResumeRun.Name] = typeof(ControlBody),
        [Routes.RetuneRun.Name] = typeof(RetuneRequest),
        [Routes.PutNotifier.Name] = typeof(NotifierDefinition),
        [Routes.PutMonitor.Name] = typeof(Core.Monitors.MonitorDefinition),
        [Routes.FailHeartbeat.Name] = typeof(HeartbeatsApi.FailureBody),
    };

    /// <summary>A body taken as a file in one of several formats (an inventory: native JSON, file_sd, Ansible INI or YAML).</summary>
    public static readonly IReadOnlySet<string> Files = new HashSet<string>(StringComparer.Ordinal) { Routes.PutInventory.Name };

    /// <summary>POST routes that take no body (or ignore one).</summary>
    public static readonly IReadOnlySet<string> None = new HashSet<string>(StringComparer.Ordinal)
    {
        Routes.CancelRun.Name, Routes.TestNotifier.Name, Routes.PauseMonitor.Name, Routes.ResumeMonitor.Name, Routes.PostHeartbeat.Name,
    };
}
