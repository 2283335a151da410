using FleetOps.Api.Client;

namespace FleetOps.Cli.Commands;

/// <summary>--server and --api-key, with their environment defaults, shared by the commands that talk to a server.</summary>
public static class ServerOptions
{
    public static FleetOpsApiClient Client(Args args)
    {
        var server = new Uri(args.Get("server") ?? Environment.GetEnvironmentVariable("FLEETOPS_SERVER") ?? "http://127.0.0.1:7071");
        var apiKey = args.Get("api-key") ?? Environment.GetEnvironmentVariable("FLEETOPS_API_KEY");
        return FleetOpsApiClient.Create(server, apiKey);
    }
}
