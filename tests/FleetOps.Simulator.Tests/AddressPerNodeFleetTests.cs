using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using FleetOps.Core;
using FleetOps.Core.Contracts;
using FleetOps.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace FleetOps.Simulator.Tests;

/// <summary>One 100,000-node fleet (address-per-node, chosen automatically) with HTTP-level faults, shared below.</summary>
public sealed class HundredThousandNodeFleet : IAsyncLifetime
{
    public const int Size = 100_000;
    public static readonly TimeSpan SlowDelay = TimeSpan.FromMilliseconds(200);

    public SimulatedFleet Fleet { get; private set; } = null!;

    /// <summary>Wall time of StartAsync, and the managed heap it added (after full collections), for the report.</summary>
    public TimeSpan Started { get; private set; }
    public long HeapGrowth { get; private set; }

    public async Task InitializeAsync()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        Fleet = await SimulatedFleet.StartAsync(new FleetSpec
        {
            Nodes = Size, Slow = 0.001, Hang = 0.001, WrongStatus = 0.01, SlowDelay = SlowDelay,
        });
        Started = clock.Elapsed;
        HeapGrowth = GC.GetTotalMemory(forceFullCollection: true) - before;
    }

    public async Task DisposeAsync() => await Fleet.DisposeAsync();
}

public sealed class AddressPerNodeFleetTests(HundredThousandNodeFleet fixture, ITestOutputHelper output)
    : IClassFixture<HundredThousandNodeFleet>
{
    private SimulatedFleet Fleet => fixture.Fleet;

    [Fact]
    public void A_hundred_thousand_nodes_start_quickly_in_little_memory_on_distinct_loopback_addresses_and_one_port()
    {
        output.WriteLine($"100,000 nodes: started in {fixture.Started.TotalMilliseconds:F0} ms, managed heap +" +
            $"{fixture.HeapGrowth / 1e6:F1} MB ({fixture.HeapGrowth / HundredThousandNodeFleet.Size} bytes a node)");

        Assert.Equal(NodeAddressing.AddressPerNode, Fleet.Addressing); // chosen automatically: Nodes > 15,000
        Assert.True(fixture.Started < TimeSpan.FromSeconds(5), $"started in {fixture.Started.TotalMilliseconds} ms");
        Assert.True(fixture.HeapGrowth < 500L * HundredThousandNodeFleet.Size, $"heap grew by {fixture.HeapGrowth} bytes");

        var nodes = Fleet.Nodes;
        Assert.Equal(HundredThousandNodeFleet.Size, nodes.Count);
        var port = nodes[0].Port;
        Assert.InRange(port, 10000, 32767);
        Assert.All(nodes, n => Assert.Equal(port, n.Port));
        Assert.Equal(nodes.Count, nodes.Select(n => n.Address).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(nodes.Count, nodes.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var node in nodes)
        {
            Assert.Equal($"{node.Host}:{port}", node.Address);
            var bytes = IPAddress.Parse(node.Host).GetAddressBytes();
            Assert.Equal(4, bytes.Length);
            Assert.Equal(127, bytes[0]);                 // inside 127.0.0.0/8 ...
            Assert.NotEqual(0, bytes[1]);                // ... never 127.0.x.x (so never 127.0.0.0 or 127.0.0.1)
            Assert.InRange(bytes[3], (byte)1, (byte)254); // no .0 or .255
        }
        Assert.Equal("127.1.0.1", nodes[0].Host);
        Assert.Equal("127.2.137.178", nodes[^1].Host); // 99,999 = 393 × 254 + 177, and block 393 = 1 × 256 + 137
    }

    [Fact]
    public async Task A_sample_of_2000_nodes_over_the_whole_range_each_answer_with_their_own_name_on_a_fresh_connection()
    {
        var sample = Spread(Fleet.Nodes.Where(n => n.Fault == NodeFault.None).ToList(), 2000);
        Assert.Equal(2000, sample.Count);
        Assert.True(sample[0].Index < 100 && sample[^1].Index > HundredThousandNodeFleet.Size - 100);

        var clock = Stopwatch.StartNew();
        var answers = new (SimulatedNode Node, RawHttp.Answer Answer)[sample.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sample.Count), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, ct) =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                answers[i] = (sample[i], await RawHttp.GetAsync(RawHttp.EndPointOf(sample[i]), "/health", timeout.Token));
            });
        output.WriteLine($"2,000 sampled nodes answered in {clock.ElapsedMilliseconds} ms, one new connection each");

        Assert.All(answers, a =>
        {
            Assert.Equal(RawHttp.EndPointOf(a.Node), a.Answer.Remote); // the node's own address, not a shared one
            Assert.Equal(200, a.Answer.Status);
            Assert.Equal($"{{\"status\":\"UP\",\"node\":\"{a.Node.Name}\"}}", a.Answer.Body);
        });
    }

    [Fact]
    public async Task Slow_wrong_status_and_hang_by_fraction_are_served_by_address()
    {
        var nodes = Fleet.Nodes;
        Assert.Equal(100, nodes.Count(n => n.Fault == NodeFault.Slow));
        Assert.Equal(100, nodes.Count(n => n.Fault == NodeFault.Hang));
        Assert.Equal(1000, nodes.Count(n => n.Fault == NodeFault.WrongStatus));
        Assert.Equal(98_800, nodes.Count(n => n.Fault == NodeFault.None));
        Assert.All(nodes.Where((_, i) => i % 997 == 0), n => Assert.Equal(n.Fault, Fleet.ExpectedFault(n.Name)));

        using var client = NodeHttp.Client(TimeSpan.FromSeconds(5));
        using var hangClient = NodeHttp.Client(TimeSpan.FromMilliseconds(500));

        var wrong = Spread(nodes.Where(n => n.Fault == NodeFault.WrongStatus).ToList(), 50);
        var slow = Spread(nodes.Where(n => n.Fault == NodeFault.Slow).ToList(), 10);
        var hang = Spread(nodes.Where(n => n.Fault == NodeFault.Hang).ToList(), 10);
        var healthyNeighbours = hang.Where(n => n.Index + 1 < nodes.Count).Select(n => nodes[n.Index + 1])
            .Where(n => n.Fault == NodeFault.None).ToList();

        var wrongAnswers = await Task.WhenAll(wrong.Select(async n => (n, await GetAsync(client, n))));
        var slowAnswers = await Task.WhenAll(slow.Select(async n =>
        {
            var clock = Stopwatch.StartNew();
            var answer = await GetAsync(client, n);
            return (n, answer, clock.Elapsed);
        }));
        var hangOutcomes = await Task.WhenAll(hang.Select(n => Record.ExceptionAsync(() => hangClient.GetAsync(NodeHttp.HealthOf(n)))));
        var neighbourAnswers = await Task.WhenAll(healthyNeighbours.Select(async n => (n, await GetAsync(client, n))));

        Assert.All(wrongAnswers, a =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Item2.Status);
            Assert.Equal($"{{\"status\":\"DOWN\",\"node\":\"{a.n.Name}\"}}", a.Item2.Body);
        });
        Assert.All(slowAnswers, a =>
        {
            Assert.Equal(HttpStatusCode.OK, a.answer.Status);
            Assert.Contains(a.n.Name, a.answer.Body);
            Assert.True(a.Elapsed >= HundredThousandNodeFleet.SlowDelay, $"{a.n.Name} answered after {a.Elapsed.TotalMilliseconds} ms");
        });
        Assert.All(hangOutcomes, e =>
        {
            Assert.IsType<TaskCanceledException>(e);
            Assert.IsType<TimeoutException>(e!.InnerException);
        });
        Assert.NotEmpty(neighbourAnswers); // a hung node does not hold up the address next to it
        Assert.All(neighbourAnswers, a => Assert.Equal(HttpStatusCode.OK, a.Item2.Status));
    }

    [Fact]
    public async Task Many_requests_a_second_each_on_a_new_connection()
    {
        const int Requests = 10_000;
        var healthy = Fleet.Nodes.Where(n => n.Fault == NodeFault.None).ToList();
        var targets = Enumerable.Range(0, Requests).Select(i => RawHttp.EndPointOf(healthy[(int)(i * 7919L % healthy.Count)])).ToList();

        var ok = 0;
        async Task RunAsync(IEnumerable<IPEndPoint> nodes) =>
            await Parallel.ForEachAsync(nodes, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (target, ct) =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var answer = await RawHttp.GetAsync(target, "/health", timeout.Token);
                if (answer.Status == 200) Interlocked.Increment(ref ok);
            });
        await RunAsync(targets.Take(1000)); // warm-up: JIT, thread pool
        ok = 0;

        var clock = Stopwatch.StartNew();
        await RunAsync(targets);
        var rate = Requests / clock.Elapsed.TotalSeconds;
        output.WriteLine($"{Requests} requests, each on a new connection to a different node: {clock.ElapsedMilliseconds} ms, {rate:F0}/s " +
            "(client and server in this process)");

        Assert.Equal(Requests, ok);
        Assert.True(rate > 1000, $"only {rate:F0} requests/s"); // a low bar: CI machines are shared
    }

    [Fact]
    public async Task Connections_to_loopback_addresses_of_no_node_are_reset_before_any_http()
    {
        var port = Fleet.Nodes[0].Port;
        foreach (var address in new[] { "127.0.0.1", "127.255.255.254", "127.2.137.179" }) // the last: just past node 99,999
        {
            var error = await Record.ExceptionAsync(() =>
                RawHttp.GetAsync(new IPEndPoint(IPAddress.Parse(address), port), "/health", CancellationToken.None));

            var socketError = Assert.IsType<SocketException>(error);
            Assert.Equal(SocketError.ConnectionReset, socketError.SocketErrorCode);
        }
    }

    [Fact]
    public async Task The_shared_port_takes_nothing_that_comes_in_on_another_interface()
    {
        var port = Fleet.Nodes[0].Port;
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .ToList();
        if (others.Count == 0)
        {
            output.WriteLine("No non-loopback IPv4 address on this machine: nothing to connect to, the restriction is not exercised.");
            return;
        }

        foreach (var address in others)
        {
            // The control: this machine does take local connects on that address (a listener there, without any restriction).
            using (var control = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                control.Bind(new IPEndPoint(address, 0));
                control.Listen(1);
                Assert.Equal(ConnectOutcome.Connected,
                    await TcpConnect.TryAsync((IPEndPoint)control.LocalEndPoint!, TimeSpan.FromSeconds(2)));
            }

            var outcome = await TcpConnect.TryAsync(new IPEndPoint(address, port), TimeSpan.FromSeconds(1));
            output.WriteLine($"{address}:{port} -> {outcome}");
            Assert.NotEqual(ConnectOutcome.Connected, outcome); // SO_BINDTODEVICE "lo": the 0.0.0.0 socket is not there
        }
    }

    [Fact]
    public void Targets_json_of_a_hundred_thousand_nodes_is_quick_and_reads_back()
    {
        Fleet.ToTargetsJson(); // warm-up
        var clock = Stopwatch.StartNew();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var json = Fleet.ToTargetsJson();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        output.WriteLine($"targets JSON: {json.Length / 1e6:F1} MB in {clock.Elapsed.TotalMilliseconds:F0} ms, {allocated / 1e6:F1} MB allocated");

        // Its cost, as allocation rather than wall time (the machine is shared): one UTF-8 buffer that never grows and
        // the string (2 bytes a character), about 3 bytes a character. A wall-clock budget here failed whenever other
        // tests ran alongside.
        Assert.True(allocated < 4L * json.Length, $"allocated {allocated} bytes for {json.Length} characters");
        var targets = JsonSerializer.Deserialize<List<TargetSpec>>(json, FleetOpsJson.Options)!;
        Assert.Equal(HundredThousandNodeFleet.Size, targets.Count);
        foreach (var i in new[] { 0, 1, 50_000, 99_999 })
        {
            var node = Fleet.Nodes[i];
            Assert.Equal(node.Name, targets[i].Name);
            Assert.Equal(node.Address, targets[i].Address);
            Assert.Equal(node.Labels, targets[i].Labels!);
        }
    }

    /// <summary><paramref name="count"/> items evenly spaced over the list, first and last included.</summary>
    private static List<T> Spread<T>(List<T> items, int count) =>
        [.. Enumerable.Range(0, count).Select(i => items[(int)((long)i * (items.Count - 1) / (count - 1))])];

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, SimulatedNode node)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, NodeHttp.HealthOf(node));
        request.Headers.ConnectionClose = true;
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
