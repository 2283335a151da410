using System.Diagnostics;
using FleetOps.Simulator.Faults;
using FleetOps.Simulator.Http;
using FleetOps.Simulator.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.Simulator;

/// <summary>
/// A fleet of loopback nodes, each with <c>GET /health</c>, misbehaving as configured, all served by one Kestrel server.
/// <para>
/// <see cref="NodeAddressing.PortPerNode"/> (the default up to <see cref="FleetSpec.AddressPerNodeAbove"/> nodes): each
/// node has its own 127.0.0.1 port, a socket we own, so Down and Blackhole are real TCP behaviour (refused, timed out),
/// and any node can change to any fault at run time.
/// </para>
/// <para>
/// <see cref="NodeAddressing.AddressPerNode"/> (the default beyond): each node has its own loopback address
/// (127.1.0.1, 127.1.0.2, …) on one shared port, served by one socket restricted to the loopback interface; a node is
/// told apart by the local address of the connection. Only HTTP-level faults, but 100,000 nodes start in a fraction of
/// a second, in a few tens of MB.
/// </para>
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(1.5);

    private readonly object _gate = new();
    private readonly string _namePrefix;
    private readonly SimulatedNode[] _nodes;
    private readonly NodeRuntime[] _runtimes;
    private readonly IFleetSockets _sockets;
    private readonly HealthCounter _counter;
    private readonly CancellationTokenSource _stopping;
    private readonly SocketConnectionContextFactory _contexts;
    private WebApplication? _server;
    private ActionEndpoint _actions = null!;
    private bool _disposed;

    private SimulatedFleet(
        FleetSpec spec, SimulatedNode[] nodes, NodeRuntime[] runtimes, IFleetSockets sockets, HealthCounter counter,
        CancellationTokenSource stopping, SocketConnectionContextFactory contexts)
    {
        Addressing = spec.ResolvedAddressing;
        _namePrefix = spec.NamePrefix;
        _nodes = nodes;
        _runtimes = runtimes;
        _sockets = sockets;
        _counter = counter;
        _stopping = stopping;
        _contexts = contexts;
    }

    /// <summary>The nodes in index order, as they are now (<see cref="SetFault"/> replaces a node's entry).</summary>
    public IReadOnlyList<SimulatedNode> Nodes => Array.AsReadOnly(_nodes);

    /// <summary>How this fleet's nodes are addressed (never <see cref="NodeAddressing.Auto"/>).</summary>
    public NodeAddressing Addressing { get; }

    /// <summary>Total <c>/health</c> requests received by all nodes, including ones that hang.</summary>
    public long HealthRequests => _counter.Count;

    /// <summary>How long <see cref="StartAsync"/> took, for benchmarks and logs.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>
    /// Starts the fleet. Throws <see cref="ArgumentException"/> for an invalid spec (including Down or Blackhole in an
    /// address-per-node fleet) and <see cref="InvalidOperationException"/> when the sockets cannot be opened (out of
    /// descriptors or ports; SO_BINDTODEVICE refused for an address-per-node fleet).
    /// </summary>
    public static async Task<SimulatedFleet> StartAsync(FleetSpec spec, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var faults = FaultPlanner.Plan(spec);
        var contexts = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), NullLogger.Instance);
        IFleetSockets sockets;
        try
        {
            var ports = FreshPorts.From(spec.Ports);
            sockets = spec.ResolvedAddressing == NodeAddressing.AddressPerNode
                ? AddressPerNodeSockets.Open(faults.Length, ports, contexts)
                : PortPerNodeSockets.Open(faults, ports, contexts, ct);
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
            nodes[i] = new SimulatedNode(i, name, sockets.AddressOf(i), sockets.PortOf(i), faults[i], NodeLabels.For(i, faults[i]));
            runtimes[i] = new NodeRuntime(name, faults[i]);
        }

        var stopping = new CancellationTokenSource();
        var counter = new HealthCounter();
        var actions = new ActionEndpoint(spec, stopping.Token);
        var health = new HealthEndpoint(sockets, runtimes, spec.SlowDelay, spec.WrongStatusCode, counter, stopping.Token) { Actions = actions };
        var fleet = new SimulatedFleet(spec, nodes, runtimes, sockets, counter, stopping, contexts) { _actions = actions };
        actions.SetFault = (index, fault) => fleet.SetFault(fleet._nodes[index].Name, fault);
        try
        {
            fleet._server = FleetServer.Build(sockets.Listeners, health);
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

    /// <summary>The node's current fault. Throws <see cref="KeyNotFoundException"/> for an unknown name.</summary>
    public NodeFault ExpectedFault(string nodeName) => _runtimes[IndexOf(nodeName)].Fault;

    /// <summary><c>/action</c> requests the node received, retries and redeliveries included.</summary>
    public long ActionDeliveries(string nodeName) => _actions.Deliveries(IndexOf(nodeName));

    /// <summary>Actions the node applied (once per Idempotency-Key): all, or those on one path such as <c>/action/rollback</c>.</summary>
    public long ActionsApplied(string nodeName, string? path = null) => _actions.Applied(IndexOf(nodeName), path);

    /// <summary>Makes the node's <c>/action</c> fail (500), and/or turn the node unhealthy once applied; null leaves a setting as is.</summary>
    public void SetActionBehaviour(string nodeName, bool? fail = null, bool? unhealthyAfter = null) =>
        _actions.Configure(IndexOf(nodeName), fail, unhealthyAfter);

    /// <summary>
    /// Changes a node's fault; effective when this returns. Down closes the port (new connects are refused) and
    /// Blackhole makes new connects time out; both drop the node's open connections. Any fault can follow any other,
    /// on the same port. An address-per-node fleet takes only the HTTP-level faults (<see cref="ArgumentException"/>
    /// for Down and Blackhole).
    /// </summary>
    public void SetFault(string nodeName, NodeFault fault)
    {
        if (!Enum.IsDefined(fault)) throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown fault.");
        if (!_sockets.Supports(fault)) throw new ArgumentException(AddressPerNodeSockets.Unsupported(fault), nameof(fault));
        var index = IndexOf(nodeName);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var runtime = _runtimes[index];
            if (runtime.Fault == fault) return;
            // The handler's view first, so requests on connections that survive the port change already see the new fault.
            runtime.Fault = fault;
            _sockets.MoveTo(index, fault);
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
        _sockets.Close();                                     // no new connections, and open ones are dropped
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
        var index = NodeLabels.IndexOf(_namePrefix, nodeName, _nodes.Length);
        return index >= 0 ? index : throw new KeyNotFoundException($"No simulated node is named '{nodeName}'.");
    }
}
