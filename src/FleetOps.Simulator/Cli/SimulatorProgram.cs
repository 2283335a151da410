using System.Runtime.InteropServices;

namespace FleetOps.Simulator.Cli;

/// <summary>
/// Entry point of <c>fleetops-sim</c>. A named class rather than top-level statements, so projects that reference
/// this assembly as a library see no global <c>Program</c> type.
/// </summary>
internal static class SimulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        CliOptions options;
        try
        {
            options = CliOptions.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n\n{CliOptions.Usage}");
            return 2;
        }
        if (options.ShowHelp)
        {
            Console.WriteLine(CliOptions.Usage);
            return 0;
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        SimulatedFleet fleet;
        try
        {
            fleet = await SimulatedFleet.StartAsync(options.Spec, stop.Token);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"Could not start the fleet: {e.Message}");
            return 1;
        }


        await using (fleet)
        {
            Console.WriteLine($"Started {fleet.Nodes.Count} nodes in {fleet.StartupTime.TotalMilliseconds:F0} ms " +
                $"({Summary(fleet)}), {Where(fleet)}.");
            if (fleet.ControlAddress is { } control) Console.WriteLine($"Control: http://{control}");
            await WriteOutputsAsync(fleet, options.Outputs);
            Console.WriteLine("Running; press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine($"Stopping after {fleet.HealthRequests} health requests.");
            }
        }
        return 0;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we shut down ourselves, cleanly
            stop.Cancel();
        }
    }

    private static async Task WriteOutputsAsync(SimulatedFleet fleet, CliOutputs outputs)
    {
        if (outputs.TargetsOut is { } path)
        {
            await File.WriteAllTextAsync(path, fleet.ToTargetsJson(), CancellationToken.None);
            Console.WriteLine($"Targets written to {Path.GetFullPath(path)}");
        }
        else
        {
            Console.WriteLine("No targets file (use --targets-out FILE to write one).");
        }
        if (outputs.GrpcTargetsOut is { } grpcPath)
        {
            await File.WriteAllTextAsync(grpcPath, fleet.ToGrpcTargetsJson(), CancellationToken.None);
            Console.WriteLine($"gRPC targets written to {Path.GetFullPath(grpcPath)}");
        }
        if (outputs.GrpcCertOut is { } certPath && fleet.GrpcCertificate is { } certificate)
        {
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem(), CancellationToken.None);
            Console.WriteLine($"gRPC TLS certificate written to {Path.GetFullPath(certPath)}");
        }
    }

    private static string Where(SimulatedFleet fleet) => fleet.Addressing == NodeAddressing.AddressPerNode
        ? $"addresses {fleet.Nodes[0].Host}..{fleet.Nodes[^1].Host} on port {fleet.Nodes[0].Port} (loopback interface only)"
        : $"127.0.0.1 ports {fleet.Nodes.Min(n => n.Port)}..{fleet.Nodes.Max(n => n.Port)}";

    private static string Summary(SimulatedFleet fleet) => string.Join(", ",
        fleet.Nodes.GroupBy(n => n.Fault).OrderBy(g => g.Key).Select(g => $"{g.Count()} {NodeLabels.FaultLabel(g.Key)}"));
}
