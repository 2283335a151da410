using FleetOps.Host;

return await HostProgram.RunAsync(args);
