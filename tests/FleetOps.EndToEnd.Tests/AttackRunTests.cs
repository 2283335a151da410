using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static FleetOps.EndToEnd.Tests.RolloutKit;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// A self-host whose operator allows everything but loopback (127.0.0.0/8 and ::1 stand in for the metadata endpoint,
/// so what would reach it can be counted), instead of the tests' usual allow list of 127.0.0.0/8.
/// </summary>
public sealed class DeniesLoopbackEnvironment : SelfHostEnvironment
{
    protected override IDictionary<string, string?> HostEnvironment => new Dictionary<string, string?>
    {
        ["FleetOps__Policy__Allow__0"] = "0.0.0.0/0",
        ["FleetOps__Policy__Allow__1"] = "::/0",
        ["FleetOps__Policy__Deny__0"] = "127.0.0.0/8",
        ["FleetOps__Policy__Deny__1"] = "::1/128",
    };
}

/// <summary>
/// The attack run's requests replayed through the self-host: other spellings of a denied address, sweeps and rollouts
/// alike, answer <c>denied</c> and reach no listener; small inventories that name huge work are refused with a 400.
/// </summary>
public sealed class AttackRunTests(DeniesLoopbackEnvironment env, ITestOutputHelper output) : IClassFixture<DeniesLoopbackEnvironment>
{
    /// <summary>Counts the connections a loopback port accepts.</summary>
    private sealed class CountingListener : IDisposable
    {
        private readonly TcpListener _listener;
        private int _accepted;

        public CountingListener(IPAddress address)
        {
            _listener = new TcpListener(address, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptAsync();
        }

        public int Port { get; }
        public int Accepted => Volatile.Read(ref _accepted);

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref _accepted);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { } // stopped
        }

        public void Dispose() => _listener.Stop();
    }

    /// <summary>Every way of reaching 127.0.0.2 (or, through 0.0.0.0 and ::, this host) that is not "127.0.0.2", plus the metadata forms.</summary>
    private static List<string> Addresses(int second, int first, int v6) =>
    [
        $"[::ffff:127.0.0.2]:{second}", $"[::ffff:7f00:2]:{second}", $"2130706434:{second}", $"0x7f.2:{second}", $"127.2:{second}",
        $"[::127.0.0.2]:{second}", $"[64:ff9b::7f00:2]:{second}",
        $"0.0.0.0:{first}", $"[::]:{v6}",
        "[64:ff9b::a9fe:a9fe]:80", "[::169.254.169.254]:80", "[2002:a9fe:a9fe::1]:80", "[::ffff:0:a9fe:a9fe]:80",
    ];

    private static JsonArray Targets(IEnumerable<string> addresses, string prefix) =>
        new([.. addresses.Select((a, i) => (JsonNode)new JsonObject { ["name"] = $"{prefix}{i}", ["address"] = a })]);

    [Fact]
    public async Task A_sweep_and_a_rollout_to_other_spellings_of_denied_addresses_are_denied_and_connect_nowhere()
    {
        using var second = new CountingListener(IPAddress.Parse("127.0.0.2"));
        using var first = new CountingListener(IPAddress.Loopback);
        using var v6 = new CountingListener(IPAddress.IPv6Loopback);
        var addresses = Addresses(second.Port, first.Port, v6.Port);

        var sweep = new JsonObject
        {
            ["targets"] = Targets(addresses, "s"),
            ["checks"] = JsonNode.Parse("""[{"kind":"tcp"},{"kind":"http","path":"/"},{"kind":"tls"}]"""),
            ["options"] = new JsonObject { ["attempts"] = 2, ["timeoutMs"] = 2000 },
        };
        var sweepId = await env.Api.StartSweepAsync(sweep.ToJsonString());
        var prefix = $"r{Guid.NewGuid():N}"[..8] + "-";
        var rollout = new JsonObject
        {
            ["name"] = "attack",
            ["targets"] = Targets(addresses, prefix),
            ["action"] = new JsonObject { ["url"] = "http://{{address}}/deploy", ["retries"] = 2, ["timeoutMs"] = 2000 },
            ["waves"] = Array("100%"),
            ["gate"] = new JsonObject { ["checks"] = JsonNode.Parse("""[{"kind":"tcp"}]"""), ["intervalSeconds"] = 1, ["deadlineSeconds"] = 2 },
            ["budgets"] = new JsonObject { ["actionFailures"] = "100%" },
        };
        var rolloutId = await env.Api.StartRolloutAsync(rollout.ToJsonString());

        Assert.Equal("Completed", (await env.Api.WaitForRunAsync(sweepId, TimeSpan.FromSeconds(90)))["runtimeStatus"]!.GetValue<string>());
        var results = (await env.Api.GetReportAsync(sweepId))["results"]!.AsArray();
        Assert.Equal(addresses.Count, results.Count);
        foreach (var result in results)
        {
            output.WriteLine(result!.ToJsonString());
            Assert.False(result["ok"]!.GetValue<bool>());
            foreach (var check in result["checks"]!.AsArray())
                Assert.True("denied" == check!["error"]?["kind"]?.GetValue<string>(), $"{result["address"]}: {check.ToJsonString()}");
        }

        await env.Api.WaitForEndAsync(rolloutId, 90);
        var nodes = (await env.Api.GetReportAsync(rolloutId))["nodes"]!.AsArray();
        Assert.Equal(addresses.Count, nodes.Count);
        foreach (var node in nodes)
        {
            output.WriteLine(node!.ToJsonString());
            var action = node["action"]!;
            Assert.False(action["ok"]!.GetValue<bool>());
            Assert.True("denied" == action["errorKind"]?.GetValue<string>(), node.ToJsonString());
            Assert.Equal(1, action["attempts"]!.GetValue<int>()); // a denial is not retried
        }

        Assert.Equal(0, second.Accepted);
        Assert.Equal(0, first.Accepted);
        Assert.Equal(0, v6.Accepted);
    }

    public static TheoryData<string, string, string> Bombs()
    {
        static string Repeat(int n, Func<int, string> line) => string.Concat(Enumerable.Range(1, n).Select(line));
        return new()
        {
            { "ansible-ini", Repeat(1_000, g => $"[g{g}]\nh[1:5000]\n"), "line 1602" },
            { "ansible-ini", "[g]\n" + Repeat(100, _ => "w[1:1000][1:1000]\n"), "line 6" },
            { "ansible-ini", Repeat(24_999, g => $"[g{g:D5}:children]\ng{g + 1:D5}\n") + "[g25000]\n", "line 200" },
            { "native", "x:\n  l0: &a0 [lol]\n" + Repeat(9, i => $"  l{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n"), "line 9" },
        };
    }

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task Small_inventories_that_name_huge_work_are_refused_with_a_400_naming_the_line(string format, string text, string line)
    {
        var name = "bomb-" + Guid.NewGuid().ToString("N")[..8];
        using (var put = await env.Api.Http.PutAsync($"/api/inventories/{name}?format={format}", new StringContent(text, Encoding.UTF8, "text/plain")))
            await AssertProblemAsync(put, "body", line);
        using (var get = await env.Api.Http.GetAsync($"/api/inventories/{name}"))
            Assert.Equal(404, (int)get.StatusCode);

        var inline = new JsonObject
        {
            ["inventoryInline"] = new JsonObject { ["format"] = format, ["content"] = text },
            ["checks"] = JsonNode.Parse("""[{"kind":"tcp","port":1}]"""),
        };
        var before = (await env.Api.ListRunsAsync()).Count;
        using (var sweep = await env.Api.PostSweepAsync(inline.ToJsonString()))
            await AssertProblemAsync(sweep, "inventoryInline.content", line);
        Assert.Equal(before, (await env.Api.ListRunsAsync()).Count);
    }

    private async Task AssertProblemAsync(HttpResponseMessage response, string field, string line)
    {
        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine(text.Length > 600 ? text[..600] : text);
        Assert.True(400 == (int)response.StatusCode, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single(JsonNode.Parse(text)!["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
        Assert.Contains(line + ":", error!["message"]!.GetValue<string>());
    }
}
