using System.Globalization;

namespace FleetOps.Simulator.Cli;

/// <summary>The command line of <c>fleetops-sim</c>, parsed into a <see cref="FleetSpec"/> and the files to write.</summary>
internal sealed record CliOptions(FleetSpec Spec, CliOutputs Outputs, bool ShowHelp)
{
    public const string Usage = """
        fleetops-sim: a fleet of loopback nodes with /health, /action and /metrics, and faults, until Ctrl+C.

        Usage: fleetops-sim [--nodes N] [--down F] [--slow F] [--hang F] [--wrong-status F] [--blackhole F]
                            [--slow-delay-ms MS] [--wrong-status-code CODE] [--prefix NAME] [--targets-out FILE]
                            [--addressing auto|port-per-node|address-per-node] [--ports FIRST-LAST] [--control-port P]
                            [--grpc h2c|tls] [--grpc-service NAME] [--grpc-not-serving F] [--grpc-service-unknown F]
                            [--grpc-down F] [--grpc-hang F] [--grpc-targets-out FILE] [--grpc-cert-out FILE]

          --nodes N               number of nodes (default 200)
          --down/--slow/--hang/--wrong-status/--blackhole F
                                  fraction of nodes with that fault, 0..1 (default 0)
          --slow-delay-ms MS      delay of slow nodes (default 300)
          --wrong-status-code C   status of wrong-status nodes (default 503)
          --prefix NAME           node name prefix (default "node-")
          --targets-out FILE      write the nodes as a sweep request's "targets" JSON array
          --addressing MODE       port-per-node: each node its own port on 127.0.0.1 (every fault);
                                  address-per-node: each node its own 127.x.y.z address on one shared port, for
                                  huge fleets (Linux, root; no --down or --blackhole);
                                  auto (default): port-per-node up to 15,000 nodes, address-per-node beyond
          --ports FIRST-LAST      take ports from this range, in order, skipping taken ones (default: free
                                  ports below the ephemeral range)
          --control-port P        serve the control routes (faults and rates at run time, targets, metrics)
                                  on 127.0.0.1:P; 0 picks a free port; the address is printed
          --grpc h2c|tls          serve grpc.health.v1.Health on every node, on a port of its own, over
                                  HTTP/2 in clear text or over TLS (a self-signed certificate)
          --grpc-service NAME     the service name nodes know besides "" (default fleetops.node)
          --grpc-not-serving/--grpc-service-unknown/--grpc-down/--grpc-hang F
                                  fraction of nodes with that gRPC fault, 0..1 (default 0)
          --grpc-targets-out FILE write the nodes with their gRPC addresses as "targets"
          --grpc-cert-out FILE    write the TLS certificate (PEM) for clients to trust
        """;

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a readable message on bad input.</summary>
    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var spec = new FleetSpec();
        var outputs = new CliOutputs();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help") return new CliOptions(spec, outputs, ShowHelp: true);
            var value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value.");
            if (CliOutputs.TryRead(outputs, name, value) is { } read)
            {
                outputs = read;
                continue;
            }
            spec = name.StartsWith("--grpc", StringComparison.Ordinal)
                ? spec with { Grpc = Grpc(spec.Grpc ?? new GrpcSpec(), name, value) }
                : name switch
                {
                    "--nodes" => spec with { Nodes = Int(name, value) },
                    "--down" => spec with { Down = Fraction(name, value) },
                    "--slow" => spec with { Slow = Fraction(name, value) },
                    "--hang" => spec with { Hang = Fraction(name, value) },
                    "--wrong-status" => spec with { WrongStatus = Fraction(name, value) },
                    "--blackhole" => spec with { Blackhole = Fraction(name, value) },
                    "--slow-delay-ms" => spec with { SlowDelay = TimeSpan.FromMilliseconds(Int(name, value)) },
                    "--wrong-status-code" => spec with { WrongStatusCode = Int(name, value) },
                    "--prefix" => spec with { NamePrefix = value },
                    "--addressing" => spec with { Addressing = Addressing(name, value) },
                    "--ports" => spec with { Ports = PortRange.Parse(value) },
                    "--control-port" => spec with { ControlPort = Int(name, value) },
                    _ => throw new FormatException($"Unknown option {name}."),
                };
        }
        if (outputs.GrpcTargetsOut is not null && spec.Grpc is null) throw new FormatException("--grpc-targets-out needs --grpc h2c|tls.");
        if (outputs.GrpcCertOut is not null && spec.Grpc?.Transport != GrpcTransport.Tls) throw new FormatException("--grpc-cert-out needs --grpc tls.");
        return new CliOptions(spec, outputs, ShowHelp: false);
    }

    private static GrpcSpec Grpc(GrpcSpec grpc, string name, string value) => name switch
    {
        "--grpc" => grpc with { Transport = Transport(name, value) },
        "--grpc-service" => grpc with { Service = value },
        "--grpc-not-serving" => grpc with { NotServing = Fraction(name, value) },
        "--grpc-service-unknown" => grpc with { ServiceUnknown = Fraction(name, value) },
        "--grpc-down" => grpc with { Down = Fraction(name, value) },
        "--grpc-hang" => grpc with { Hang = Fraction(name, value) },
        _ => throw new FormatException($"Unknown option {name}."),
    };

    private static GrpcTransport Transport(string name, string value) => value switch
    {
        "h2c" => GrpcTransport.H2c,
        "tls" => GrpcTransport.Tls,
        _ => throw new FormatException($"{name} expects h2c or tls, not '{value}'."),
    };

    private static NodeAddressing Addressing(string name, string value) => value switch
    {
        "auto" => NodeAddressing.Auto,
        "port-per-node" => NodeAddressing.PortPerNode,
        "address-per-node" => NodeAddressing.AddressPerNode,
        _ => throw new FormatException($"{name} expects auto, port-per-node or address-per-node, not '{value}'."),
    };

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"{name} expects a whole number, not '{value}'.");

    private static double Fraction(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f is >= 0 and <= 1
            ? f
            : throw new FormatException($"{name} expects a fraction between 0 and 1, not '{value}'.");
}

/// <summary>The files <c>fleetops-sim</c> writes once the fleet is up.</summary>
internal sealed record CliOutputs(string? TargetsOut = null, string? GrpcTargetsOut = null, string? GrpcCertOut = null)
{
    /// <summary>The outputs with this option applied, or null when it is not an output option.</summary>
    public static CliOutputs? TryRead(CliOutputs outputs, string name, string value) => name switch
    {
        "--targets-out" => outputs with { TargetsOut = value },
        "--grpc-targets-out" => outputs with { GrpcTargetsOut = value },
        "--grpc-cert-out" => outputs with { GrpcCertOut = value },
        _ => null,
    };
}
