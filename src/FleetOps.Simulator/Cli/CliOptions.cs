using System.Globalization;

namespace FleetOps.Simulator.Cli;

/// <summary>The command line of <c>fleetops-sim</c>, parsed into a <see cref="FleetSpec"/> and an optional targets file.</summary>
internal sealed record CliOptions(FleetSpec Spec, string? TargetsOut, bool ShowHelp)
{
    public const string Usage = """
        fleetops-sim: a fleet of loopback nodes with /health endpoints and faults, until Ctrl+C.

        Usage: fleetops-sim [--nodes N] [--down F] [--slow F] [--hang F] [--wrong-status F] [--blackhole F]
                            [--slow-delay-ms MS] [--wrong-status-code CODE] [--prefix NAME] [--targets-out FILE]
                            [--addressing auto|port-per-node|address-per-node] [--ports FIRST-LAST]

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
        """;

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a readable message on bad input.</summary>
    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var spec = new FleetSpec();
        string? targetsOut = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help") return new CliOptions(spec, targetsOut, ShowHelp: true);
            var value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value.");
            if (name == "--targets-out")
            {
                targetsOut = value;
                continue;
            }
            spec = name switch
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
                _ => throw new FormatException($"Unknown option {name}."),
            };
        }
        return new CliOptions(spec, targetsOut, ShowHelp: false);
    }

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
