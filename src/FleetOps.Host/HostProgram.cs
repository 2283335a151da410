using FleetOps.Host.Http;
using FleetOps.Workflows.Hosting;

namespace FleetOps.Host;

/// <summary>
/// The process around the host: a bad setting stops it with ONE line naming the setting and exit code 1; a clean
/// SIGTERM exits 0 within the shutdown timeout; a host that stopped because a background service died exits 2.
/// </summary>
public static class HostProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = FleetOpsHost.Build(args);
        }
        catch (Exception e) when (SettingsCheck.Describe(e) is { } line)
        {
            return Refuse(line);
        }
        if (SettingsCheck.Problem(app.Services) is { } problem) return Refuse(problem);
        // Taken before running: the container is disposed when the app is.
        var background = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        try
        {
            await FleetOpsHost.StartAsync(app).ConfigureAwait(false);
        }
        catch (ExposureRefusedException e)
        {
            // A configuration to fix, not a crash: one line, no stack trace.
            await app.DisposeAsync().ConfigureAwait(false);
            return Refuse(e.Message);
        }
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        var died = background.FirstOrDefault(s => s.ExecuteTask?.IsFaulted == true);
        if (died is null) return 0;
        await Console.Error.WriteLineAsync($"fleetops-host: stopped because {died.GetType().Name} failed: {died.ExecuteTask!.Exception?.InnerException?.Message}").ConfigureAwait(false);
        return 2;
    }

    private static int Refuse(string line)
    {
        Console.Error.WriteLine($"fleetops-host: {line}");
        return 1;
    }
}
