using FleetOps.Host;
using FleetOps.Host.Http;

var app = FleetOpsHost.Build(args);
try
{
    await FleetOpsHost.StartAsync(app);
}
catch (ExposureRefusedException e)
{
    // One line, no stack trace: this is a configuration to fix, not a crash.
    await Console.Error.WriteLineAsync($"fleetops-host: {e.Message}");
    return 1;
}
await app.WaitForShutdownAsync();
return 0;
