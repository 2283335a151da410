using System.Collections.Frozen;
using System.Diagnostics;
using FleetOps.Simulator.Faults;
using FleetOps.Simulator.Http;
using FleetOps.Simulator.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.Simulator;

/// <summary>
/// A fleet of loopback nodes, each with its own 127.0.0.1 port and <c>GET /health</c>, misbehaving as configured.
/// One Kestrel server serves every node; each node's port is a socket we own, so Down and Blackhole are real TCP
/// behaviour (refused, timed out), and any node can change fault at run time.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(1.5);

    private readonly object _gate = new();
    private readonly SimulatedNode[] _nodes;
    private readonly NodeRuntime[] _runtimes;
    private readonly NodePort[] _ports;
    private readonly FrozenDictionary<string, int> _indexByName;
    private readonly HealthCounter _counter;
    private readonly CancellationTokenSource _stopping;
    private readonly SocketConnectionContextFactory _contexts;
    private WebApplication? _server;
    private bool _disposed;

    private SimulatedFleet(
        SimulatedNode[] nodes, NodeRuntime[] runtimes, NodePort[] ports, HealthCounter counter,
        CancellationTokenSource stopping, SocketConnectionContextFactory contexts)
    {
        _nodes = nodes;
        _runtimes = runtimes;
        _ports = ports;
        _counter = counter;
        _stopping = stopping;
        _contexts = contexts;
        _indexByName = nodes.ToFrozenDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
    }

    /// <summary>The nodes in index order, as they are now (<see cref="SetFault"/> replaces a node's entry).</summary>
    public IReadOnlyList<SimulatedNode> Nodes => Array.AsReadOnly(_nodes);

    /// <summary>Total <c>/health</c> requests received by all nodes, including ones that hang.</summary>
    public long HealthRequests => _counter.Count;

    /// <summary>How long <see cref="StartAsync"/> took, for benchmarks and logs.</summary>
    internal TimeSpan StartupTime { get; private set; }

    public static async Task<SimulatedFleet> StartAsync(FleetSpec spec, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var faults = FaultPlanner.Plan(spec);
        var contexts = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), NullLogger.Instance);
        NodePort[] ports;
        try
        {
            ports = OpenPorts(faults, contexts, ct);
        }
        catch
        {
            contexts.Dispose();
            throw;
        }

        var nodes = new SimulatedNode[faults.Length];
        var runtimes = new NodeRuntime[faults.Length];
        for (var i = 0; i < faults.Length; i++)
        {
            var name = NodeLabels.NameFor(spec.NamePrefix, i);
            var port = ports[i].Port;
            nodes[i] = new SimulatedNode(i, name, $"127.0.0.1:{port}", port, faults[i], NodeLabels.For(i, faults[i]));
            runtimes[i] = new NodeRuntime(name, faults[i]);
        }

        var stopping = new CancellationTokenSource();
        var counter = new HealthCounter();
        var nodesByPort = Enumerable.Range(0, ports.Length).ToFrozenDictionary(i => ports[i].Port, i => runtimes[i]);
        var health = new HealthEndpoint(nodesByPort, spec.SlowDelay, spec.WrongStatusCode, counter, stopping.Token);
        var fleet = new SimulatedFleet(nodes, runtimes, ports, counter, stopping, contexts);
        try
        {
            fleet._server = FleetServer.Build(ports, health);
            await fleet._server.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        fleet.StartupTime = clock.Elapsed;
        return fleet;
    }

    private static NodePort[] OpenPorts(NodeFault[] faults, SocketConnectionContextFactory contexts, CancellationToken ct)
    {
        var ports = new List<NodePort>(faults.Length);
        try
        {
            // Sequential and synchronous: a bind takes microseconds, and a failure (out of descriptors) stops at once.
            foreach (var fault in faults)
            {
                ct.ThrowIfCancellationRequested();
                ports.Add(NodePort.Open(PortModes.For(fault), contexts));
            }
            return [.. ports];
        }
        catch
        {
            foreach (var port in ports) port.Close();
            throw;
        }
    }

    /// <summary>The node's current fault. Throws <see cref="KeyNotFoundException"/> for an unknown name.</summary>
    public NodeFault ExpectedFault(string nodeName) => _runtimes[IndexOf(nodeName)].Fault;

    /// <summary>
    /// Changes a node's fault; effective when this returns. Down closes the port (new connects are refused) and
    /// Blackhole makes new connects time out; both drop the node's open connections. Any fault can follow any other,
    /// on the same port.
    /// </summary>
    public void SetFault(string nodeName, NodeFault fault)
    {
        if (!Enum.IsDefined(fault)) throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown fault.");
        var index = IndexOf(nodeName);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var runtime = _runtimes[index];
            if (runtime.Fault == fault) return;
            // The handler's view first, so requests on connections that survive the port change already see the new fault.
            runtime.Fault = fault;
            _ports[index].MoveTo(PortModes.For(fault));
            _nodes[index] = _nodes[index] with { Fault = fault, Labels = NodeLabels.For(index, fault) };
        }
    }

    /// <summary>All nodes as a JSON array of <c>{"name","address","labels"}</c>: the <c>targets</c> of a sweep request.</summary>
    public string ToTargetsJson() => TargetsJson.Write(_nodes);

    /// <summary>Stops every node: hung and slow requests are cut, ports are freed. Takes well under 2 s.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        await _stopping.CancelAsync().ConfigureAwait(false); // releases hung and slow requests first
        foreach (var port in _ports) port.Close();          // no new connections, and open ones are dropped
        if (_server is not null)
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _server.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Kestrel aborts whatever is left when its stop token fires; nothing more to wait for.
            }
            await _server.DisposeAsync().ConfigureAwait(false);
        }
        _contexts.Dispose();
        _stopping.Dispose();
    }

    private int IndexOf(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        return _indexByName.TryGetValue(nodeName, out var index)
            ? index
            : throw new KeyNotFoundException($"No simulated node is named '{nodeName}'.");
    }
}
