namespace FleetOps.Cli;

/// <summary>What <c>fleetops</c> exits with; listed in every command's --help and in the README.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run failed, halted, rolled back or was cancelled; or the local demo/bench stack failed.</summary>
    public const int RunFailed = 1;

    /// <summary>Unknown command or option, a bad value, a missing or unreadable file, demo/bench outside a checkout.</summary>
    public const int Usage = 2;

    /// <summary>The server refused the request: its problem's detail (and fields) on one line.</summary>
    public const int Refused = 3;

    /// <summary>The server could not be reached: connection refused, name not found, no answer in time.</summary>
    public const int Unreachable = 4;

    /// <summary>Ctrl+C.</summary>
    public const int Interrupted = 130;

    public static readonly IReadOnlyList<(int Code, string Meaning)> All =
    [
        (Ok, "ok (a sweep completed, whatever its targets' health; a rollout completed)"),
        (RunFailed, "the run failed, halted, rolled back or was cancelled; or the local demo/bench stack failed"),
        (Usage, "usage error: unknown command or option, bad value, missing file, no checkout for demo/bench"),
        (Refused, "the server refused the request (its problem's detail and fields on one line)"),
        (Unreachable, "the server could not be reached (connection refused, unknown host, no answer in time)"),
        (Interrupted, "interrupted (Ctrl+C)"),
    ];
}

/// <summary>A mistake on the command line or in a file it names, found after parsing: exits <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);
