using System.CommandLine;
using FleetOps.Api.Client;

namespace FleetOps.Cli.Commands;

/// <summary>--server and --api-key (defaults from $FLEETOPS_SERVER and $FLEETOPS_API_KEY), for the commands that talk to a server.</summary>
internal sealed class ServerOptions
{
    public const string DefaultServer = "http://127.0.0.1:7071";

    private readonly Option<Uri> _server = new("--server", "-s")
    {
        Description = "the FleetOps server's base URL (or set $FLEETOPS_SERVER)",
        HelpName = "URL",
        DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("FLEETOPS_SERVER") is { Length: > 0 } env ? env : DefaultServer),
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
            result.AddError($"--server '{text}' is not an http:// or https:// URL");
            return null;
        },
    };

    private readonly Option<string?> _apiKey = new("--api-key")
    {
        Description = "the API key, sent as x-functions-key (or set $FLEETOPS_API_KEY)",
        HelpName = "KEY",
    };

    /// <summary>Adds both options to <paramref name="command"/> and returns them for reading.</summary>
    public static ServerOptions AddTo(Command command)
    {
        var options = new ServerOptions();
        command.Options.Add(options._server);
        command.Options.Add(options._apiKey);
        return options;
    }

    public Uri Server(ParseResult parse) => parse.GetValue(_server)!;

    /// <summary>A client for the server the command line names. Dispose its <see cref="FleetOpsApiClient.Http"/>.</summary>
    public FleetOpsApiClient Client(ParseResult parse) =>
        FleetOpsApiClient.Create(Server(parse), parse.GetValue(_apiKey) ?? Environment.GetEnvironmentVariable("FLEETOPS_API_KEY"));
}
