using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FleetOps.Testing;

namespace FleetOps.Simulator.Tests.Support;

/// <summary>
/// A real <c>fleetops-sim</c> process (the built exe next to the tests), started with <c>--targets-out</c>: its nodes are
/// read back from that file, as a user would.
/// </summary>
public sealed class SimProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _targetsFile;

    private SimProcess(ChildProcess process, string targetsFile, IReadOnlyList<SimTarget> targets, IReadOnlyList<SimTarget> grpcTargets, Uri? control)
    {
        _process = process;
        _targetsFile = targetsFile;
        Targets = targets;
        GrpcTargets = grpcTargets;
        Control = control;
    }

    public IReadOnlyList<SimTarget> Targets { get; }

    /// <summary>The same nodes at their gRPC addresses (<c>--grpc-targets-out</c>), when started with <c>--grpc</c>.</summary>
    public IReadOnlyList<SimTarget> GrpcTargets { get; }

    /// <summary>The control port it printed (<c>--control-port</c>), or null.</summary>
    public Uri? Control { get; }

    public string Output => _process.Output();

    public static async Task<SimProcess> StartAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "fleetops-sim.dll");
        var targetsFile = Path.Combine(Path.GetTempPath(), $"fleetops-sim-{Guid.NewGuid():N}.json");
        string[] grpcOut = args.Contains("--grpc") ? ["--grpc-targets-out", targetsFile + ".grpc"] : [];
        var process = ChildProcess.Start("dotnet", [dll, .. args, "--targets-out", targetsFile, .. grpcOut],
            new Dictionary<string, string?> { ["DOTNET_gcServer"] = "0" });
        var clock = Stopwatch.StartNew();
        while (!process.OutputContains("Running; press Ctrl+C"))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                var output = process.Output();
                await process.DisposeAsync();
                throw new InvalidOperationException($"fleetops-sim {string.Join(' ', args)} did not start:\n{output}");
            }
            await Task.Delay(50);
        }
        var control = process.Output(lastLines: 2000).Split('\n').Select(l => l.TrimEnd())
            .Where(l => l.StartsWith("Control: ", StringComparison.Ordinal)).Select(l => new Uri(l["Control: ".Length..])).FirstOrDefault();
        return new SimProcess(process, targetsFile, await ReadAsync(targetsFile), grpcOut.Length > 0 ? await ReadAsync(grpcOut[1]) : [], control);
    }

    private static async Task<List<SimTarget>> ReadAsync(string file) =>
        JsonSerializer.Deserialize<List<SimTarget>>(await File.ReadAllTextAsync(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
        File.Delete(_targetsFile);
        File.Delete(_targetsFile + ".grpc");
    }
}

/// <summary>One entry of a targets file: <c>{"name","address","labels"}</c>.</summary>
public sealed record SimTarget(string Name, string Address, Dictionary<string, string> Labels)
{
    public IPEndPoint EndPoint => IPEndPoint.Parse(Address);

    /// <summary>The fault the simulator says the node has (its <c>fault</c> label).</summary>
    public NodeFault Fault => Enum.Parse<NodeFault>(Labels["fault"], ignoreCase: true);
}
