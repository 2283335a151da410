using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Simulator.Control;
using FleetOps.Simulator.Faults;
using FleetOps.Simulator.Grpc;
using FleetOps.Simulator.Http;
using FleetOps.Simulator.Metrics;
using FleetOps.Simulator.Ports;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.Simulator;

/// <summary>
/// A fleet of loopback nodes, each with <c>GET /health</c>, <c>/action</c> and <c>/metrics</c> (and optionally the gRPC
/// health service), misbehaving as configured. Every port is held exclusively while the fleet lives (no other process
/// can answer for a node), and every answer names its node.
/// <para>
/// <see cref="NodeAddressing.PortPerNode"/> (the default up to <see cref="FleetSpec.AddressPerNodeAbove"/> nodes): each
/// node has its own 127.0.0.1 port, a socket we own, so Down and Blackhole are real TCP behaviour (refused, timed out),
/// and any node can change to any fault at run time.
/// </para>
/// <para>
/// <see cref="NodeAddressing.AddressPerNode"/> (the default beyond): each node has its own loopback address
/// (127.1.0.1, 127.1.0.2, …) on one shared port, served by one socket restricted to the loopback interface; a node is
/// told apart by the local address of the connection. Only request-level faults, but 100,000 nodes start in a fraction
/// of a second, in a few tens of MB.
/// </para>
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly FleetSpec _spec;
    private readonly SimulatedNode[] _nodes;
    private readonly NodeRuntime[] _runtimes;
    private readonly FleetSockets _sockets;
    private readonly SocketConnectionContextFactory _contexts;
    private readonly TimeProvider _time;
    private readonly HealthCounter _counter = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ActionEndpoint _actions;
    private FleetServers? _servers;
    private bool _disposed;

    private SimulatedFleet(FleetSpec spec, FleetSockets sockets, SocketConnectionContextFactory contexts, TimeProvider time, NodeFault[] faults, GrpcFault[]? grpcFaults)
    {
        _spec = spec;
        _sockets = sockets;
        _contexts = contexts;
        _time = time;
        Addressing = spec.ResolvedAddressing;
        _nodes = new SimulatedNode[faults.Length];
        _runtimes = new NodeRuntime[faults.Length];
        for (var i = 0; i < faults.Length; i++)
        {
            var name = NodeLabels.NameFor(spec.NamePrefix, i);
            var grpc = grpcFaults?[i];
            _nodes[i] = new SimulatedNode(i, name, sockets.Http.AddressOf(i), sockets.Http.PortOf(i), faults[i], NodeLabels.For(i, faults[i], grpc))
            {
                GrpcAddress = sockets.Grpc?.AddressOf(i), GrpcPort = sockets.Grpc?.PortOf(i), GrpcFault = grpc,
            };
            _runtimes[i] = new NodeRuntime(name, faults[i], grpc ?? GrpcFault.Serving);
        }
        _actions = new ActionEndpoint(spec, _stopping.Token) { SetFault = (index, fault) => SetFault(_nodes[index].Name, fault) };
    }

    /// <summary>The nodes in index order, as they are now (<see cref="SetFault"/> replaces a node's entry).</summary>
    public IReadOnlyList<SimulatedNode> Nodes => Array.AsReadOnly(_nodes);

    /// <summary>How this fleet's nodes are addressed (never <see cref="NodeAddressing.Auto"/>).</summary>
    public NodeAddressing Addressing { get; }

    /// <summary>Total <c>/health</c> requests received by all nodes, including ones that hang.</summary>
    public long HealthRequests => _counter.Count;

    /// <summary>How long <see cref="StartAsync(FleetSpec, TimeProvider, CancellationToken)"/> took, for benchmarks and logs.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The certificate (no private key) of the gRPC ports over TLS, to trust in a client; null without it.</summary>
    public X509Certificate2? GrpcCertificate => _servers?.PublicCertificate;

    /// <summary>"127.0.0.1:port" of the control port (<see cref="FleetSpec.ControlPort"/>), or null.</summary>
    public string? ControlAddress => _sockets.Control is { } control ? $"127.0.0.1:{control.Port.ToString(CultureInfo.InvariantCulture)}" : null;

    public static Task<SimulatedFleet> StartAsync(FleetSpec spec, CancellationToken ct = default) => StartAsync(spec, TimeProvider.System, ct);

    /// <summary>
    /// Starts the fleet; <paramref name="time"/> drives the simulated traffic of <see cref="SetErrorRate"/>. Throws
    /// <see cref="ArgumentException"/> for an invalid spec (including Down or Blackhole in an address-per-node fleet) and
    /// <see cref="InvalidOperationException"/> when the sockets cannot be opened (out of descriptors or ports;
    /// SO_BINDTODEVICE refused for an address-per-node fleet).
    /// </summary>
    public static async Task<SimulatedFleet> StartAsync(FleetSpec spec, TimeProvider time, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var faults = FaultPlanner.Plan(spec);
        var grpcFaults = FaultPlanner.PlanGrpc(spec);
        var contexts = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), NullLogger.Instance);
        FleetSockets sockets;
        try
        {
            sockets = FleetSockets.Open(spec, faults, grpcFaults, contexts, ct);
        }
        catch
        {
            contexts.Dispose();
            throw;
        }
        var fleet = new SimulatedFleet(spec, sockets, contexts, time, faults, grpcFaults);
        try
        {
            await fleet.StartServersAsync(ct).ConfigureAwait(false);
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

    /// <summary>The node's current gRPC fault; <see cref="InvalidOperationException"/> if the fleet serves no gRPC.</summary>
    public GrpcFault ExpectedGrpcFault(string nodeName) =>
        _sockets.Grpc is null ? throw NoGrpc() : _runtimes[IndexOf(nodeName)].GrpcFault;

    /// <summary><c>/action</c> requests the node received, retries and redeliveries included.</summary>
    public long ActionDeliveries(string nodeName) => _actions.Deliveries(IndexOf(nodeName));

    /// <summary>Actions the node applied (once per Idempotency-Key): all, or those on one path such as <c>/action/rollback</c>.</summary>
    public long ActionsApplied(string nodeName, string? path = null) => _actions.Applied(IndexOf(nodeName), path);

    /// <summary>Makes the node's <c>/action</c> fail (500), and/or turn the node unhealthy once applied; null leaves a setting as is.</summary>
    public void SetActionBehaviour(string nodeName, bool? fail = null, bool? unhealthyAfter = null) =>
        _actions.Configure(IndexOf(nodeName), fail, unhealthyAfter);

    /// <summary>
    /// Changes a node's fault; effective when this returns. Down stops the port listening (new connects are refused)
    /// and Blackhole makes new connects time out; both drop the node's open connections. Any fault can follow any
    /// other, on the same port, which stays the fleet's throughout. An address-per-node fleet takes only the
    /// request-level faults (<see cref="ArgumentException"/> for Down and Blackhole).
    /// </summary>
    public void SetFault(string nodeName, NodeFault fault)
    {
        if (!Enum.IsDefined(fault)) throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown fault.");
        var mode = PortModes.For(fault);
        if (!_sockets.Http.Supports(mode)) throw new ArgumentException(AddressPerNodeSockets.Unsupported(fault), nameof(fault));
        var index = IndexOf(nodeName);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var runtime = _runtimes[index];
            if (runtime.Fault == fault) return;
            // The handler's view first, so requests on connections that survive the port change already see the new fault.
            runtime.Fault = fault;
            _sockets.Http.MoveTo(index, mode);
            var node = _nodes[index];
            _nodes[index] = node with { Fault = fault, Labels = NodeLabels.For(index, fault, node.GrpcFault) };
        }
    }

    /// <summary>
    /// Changes a node's gRPC fault; effective when this returns, like <see cref="SetFault"/> (Down stops the gRPC port
    /// listening; port-per-node fleets only). <see cref="InvalidOperationException"/> if the fleet serves no gRPC.
    /// </summary>
    public void SetGrpcFault(string nodeName, GrpcFault fault)
    {
        if (!Enum.IsDefined(fault)) throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown gRPC fault.");
        var grpc = _sockets.Grpc ?? throw NoGrpc();
        var mode = PortModes.For(fault);
        if (!grpc.Supports(mode)) throw new ArgumentException(AddressPerNodeSockets.Unsupported(fault), nameof(fault));
        var index = IndexOf(nodeName);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var runtime = _runtimes[index];
            if (runtime.GrpcFault == fault) return;
            runtime.GrpcFault = fault;
            grpc.MoveTo(index, mode);
            var node = _nodes[index];
            _nodes[index] = node with { GrpcFault = fault, Labels = NodeLabels.For(index, node.Fault, fault) };
        }
    }

    /// <summary>
    /// From now on the node's <c>http_requests_total</c> (its <c>/metrics</c>) grows by <paramref name="errorsPerSecond"/>
    /// simulated 500s and <paramref name="okPerSecond"/> simulated 200s a second, on top of the requests it really answers.
    /// 0 and 0 stop the simulated traffic; counts so far stay (counters never go down).
    /// </summary>
    public void SetErrorRate(string nodeName, double errorsPerSecond, double okPerSecond = 0)
    {
        if (!(double.IsFinite(errorsPerSecond) && errorsPerSecond >= 0))
            throw new ArgumentOutOfRangeException(nameof(errorsPerSecond), errorsPerSecond, "A rate is a finite number of requests a second, at least 0.");
        if (!(double.IsFinite(okPerSecond) && okPerSecond >= 0))
            throw new ArgumentOutOfRangeException(nameof(okPerSecond), okPerSecond, "A rate is a finite number of requests a second, at least 0.");
        _runtimes[IndexOf(nodeName)].TrafficOn(_time).SetRates(okPerSecond, errorsPerSecond);
    }

    /// <summary>Every node's <c>http_requests_total</c> in the Prometheus text format (each node's <c>/metrics</c>, together).</summary>
    public string MetricsText() => PrometheusText.Write(_runtimes.Select(r => (r.Name, r.TrafficOn(_time))));

    /// <summary>All nodes as a JSON array of <c>{"name","address","labels"}</c>: the <c>targets</c> of a sweep request.</summary>
    public string ToTargetsJson() => TargetsJson.Write(_nodes);

    /// <summary>
    /// An address-per-node fleet as an Ansible INI inventory of range lines (group <c>fleet</c>), each host named by its
    /// address: a million nodes in about 100 bytes, for a stored inventory. <see cref="InvalidOperationException"/> for a
    /// port-per-node fleet, whose ports no range can describe.
    /// </summary>
    public string ToAnsibleInventory() => Addressing == NodeAddressing.AddressPerNode
        ? Ports.AnsibleRangeInventory.Write(_nodes.Length, _sockets.Http.PortOf(0))
        : throw new InvalidOperationException("Only an address-per-node fleet (FleetSpec.Addressing) is an inventory of ranges: its nodes share one port.");

    /// <summary>
    /// The same targets with each node's gRPC address (<see cref="SimulatedNode.GrpcAddress"/>) as its address, for a
    /// sweep of gRPC checks. <see cref="InvalidOperationException"/> if the fleet serves no gRPC.
    /// </summary>
    public string ToGrpcTargetsJson() => _sockets.Grpc is null ? throw NoGrpc() : TargetsJson.Write(_nodes, grpc: true);

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
        if (_servers is not null) await _servers.DisposeAsync().ConfigureAwait(false);
        _contexts.Dispose();
        _stopping.Dispose();
    }

    private async Task StartServersAsync(CancellationToken ct)
    {
        var health = new HealthEndpoint(_sockets.Http, _runtimes, _spec, _counter, _time, _stopping.Token) { Actions = _actions };
        var control = _sockets.Control is null ? null : new ControlEndpoint(this);
        var grpc = _sockets.Grpc is { } sockets ? new NodeHealthService(sockets, _runtimes, _spec.Grpc!.Service, _stopping.Token) : null;
        _servers = await FleetServers.StartAsync(_sockets, health, control, grpc, _spec.Grpc?.Transport == GrpcTransport.Tls, ct).ConfigureAwait(false);
    }

    private static InvalidOperationException NoGrpc() => new("This fleet serves no gRPC (FleetSpec.Grpc is null).");

    private int IndexOf(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        var index = NodeLabels.IndexOf(_spec.NamePrefix, nodeName, _nodes.Length);
        return index >= 0 ? index : throw new KeyNotFoundException($"No simulated node is named '{nodeName}'.");
    }
}
