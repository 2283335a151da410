using FleetOps.Host;

await FleetOpsHost.Build(args).RunAsync();
