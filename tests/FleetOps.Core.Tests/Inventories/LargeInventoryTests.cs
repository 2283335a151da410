using System.Diagnostics;
using System.Runtime;
using System.Text;
using FleetOps.Core.Inventories;
using Xunit.Abstractions;

namespace FleetOps.Core.Tests.Inventories;

/// <summary>Timing tests run alone: other tests in the process would count against their CPU time.</summary>
[CollectionDefinition(nameof(InventoryTimings), DisableParallelization = true)]
public sealed class InventoryTimings;

/// <summary>
/// Large inventories parse in well under 2 s, and time grows linearly with hosts. The limits are on CPU time, the
/// best of three runs: wall time on a shared build machine measures the other builds as much as the parser.
/// </summary>
[Collection(nameof(InventoryTimings))]
public sealed class LargeInventoryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    private static string RangedIni(int hosts) => $"""
        [all:vars]
        env=prod
        [racks:children]
        nodes
        [nodes:vars]
        tier=compute
        [nodes]
        node[00001:{hosts:D5}].example.com ansible_port=9100 zone=a
        """;

    private static string LineIni(int hosts)
    {
        var sb = new StringBuilder("[nodes]\n");
        for (var i = 1; i <= hosts; i++) sb.Append($"node{i} ansible_host=10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255} rack=r{i % 40}\n");
        return sb.ToString();
    }

    private static string AnsibleYaml(int hosts)
    {
        var sb = new StringBuilder("all:\n  children:\n    nodes:\n      vars: { tier: compute }\n      hosts:\n");
        for (var i = 1; i <= hosts; i++) sb.Append($"        node{i}: {{ ansible_host: 10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}, rack: r{i % 40} }}\n");
        return sb.ToString();
    }

    private static string NativeJson(int hosts)
    {
        var sb = new StringBuilder("{\"defaults\":{\"port\":9100,\"checks\":[{\"kind\":\"tcp\"}]},\"groups\":{\"nodes\":{}},\"hosts\":[");
        for (var i = 1; i <= hosts; i++)
            sb.Append(i > 1 ? "," : "").Append($"{{\"name\":\"node{i}\",\"address\":\"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}\",\"groups\":[\"nodes\"]}}");
        return sb.Append("]}").ToString();
    }

    private static string NativeYaml(int hosts)
    {
        var sb = new StringBuilder("defaults: { port: 9100, checks: [ { kind: tcp } ] }\ngroups: { nodes: {} }\nhosts:\n");
        for (var i = 1; i <= hosts; i++) sb.Append($"  - {{ name: node{i}, address: 10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}, groups: [nodes] }}\n");
        return sb.ToString();
    }

    /// <summary>
    /// Best of three: wall and CPU time of one parse, and its result. <paramref name="withoutGc"/> keeps the garbage
    /// collector out of the measurement (a no-GC region): a full collection walks everything allocated so far, so
    /// with it 5x the hosts can cost 15x the time on a busy machine however linear the parser is.
    /// </summary>
    private static (Inventory Inventory, TimeSpan Wall, TimeSpan Cpu) Time(Func<int, string> make, int hosts, InventoryFormat format, bool withoutGc = false)
    {
        InventoryParser.Parse(make(1_000), format); // warm the JIT: the timing is the parser's, not the compiler's
        var text = make(hosts);
        (Inventory Inventory, TimeSpan Wall, TimeSpan Cpu) best = (Inventory.Empty, TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var run = 0; run < 3; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            // This thread's CPU time: the process's would also count other test classes running meanwhile.
            var noGc = withoutGc && GC.TryStartNoGCRegion(NoGcBytes);
            var cpu = ThreadCpu.Now();
            var watch = Stopwatch.StartNew();
            var inventory = InventoryParser.Parse(text, format);
            watch.Stop();
            var spent = ThreadCpu.Now() - cpu;
            if (noGc && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
            best = (inventory, Min(best.Wall, watch.Elapsed), Min(best.Cpu, spent));
        }
        return best;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>More than a 100,000-host parse allocates (about 460 MB for Ansible YAML).</summary>
    private const long NoGcBytes = 1L << 30;

    [Fact]
    public void Hundred_thousand_hosts_from_one_ini_range_parse_fast()
    {
        var (inventory, wall, cpu) = Time(RangedIni, 100_000, InventoryFormat.AnsibleIni);
        output.WriteLine($"ansible-ini, 100,000 hosts from node[00001:100000]: wall {wall.TotalMilliseconds:F0} ms, cpu {cpu.TotalMilliseconds:F0} ms");

        Assert.Equal(100_000, inventory.Hosts.Count);
        Assert.Equal("node00001.example.com", inventory.Hosts[0].Name);
        Assert.Equal("node09999.example.com", inventory.Hosts[9_998].Name);
        var last = inventory.Hosts[^1];
        Assert.Equal("node100000.example.com", last.Name);
        Assert.Equal("node100000.example.com:9100", last.Address);
        Assert.Equal(["nodes", "racks", "all"], last.Groups);
        Assert.Equal("compute", last.Labels["tier"]);
        Assert.Equal("prod", last.Labels["env"]);
        Assert.Equal("a", last.Labels["zone"]);
        Assert.Equal(100_000, inventory.Hosts.Select(h => h.Name).Distinct().Count());
        Assert.Equal(100_000, inventory.Select(Selector.Parse("group=racks,zone=a")).Count());
        Assert.True(cpu < Limit, $"took {cpu} of CPU");
    }

    [Fact]
    public void Hundred_thousand_hosts_in_every_format_parse_fast()
    {
        foreach (var (name, make, format) in new (string, Func<int, string>, InventoryFormat)[]
                 {
                     ("ansible-ini, one line per host", LineIni, InventoryFormat.AnsibleIni),
                     ("ansible-yaml, one entry per host", AnsibleYaml, InventoryFormat.AnsibleYaml),
                     ("native JSON", NativeJson, InventoryFormat.Native),
                     ("native YAML", NativeYaml, InventoryFormat.Native),
                 })
        {
            var (inventory, wall, cpu) = Time(make, 100_000, format);
            output.WriteLine($"{name}, 100,000 hosts: wall {wall.TotalMilliseconds:F0} ms, cpu {cpu.TotalMilliseconds:F0} ms");
            Assert.Equal(100_000, inventory.Hosts.Count);
            Assert.Equal("node100000", inventory.Hosts[^1].Name);
            Assert.Equal("10.1.134.160", inventory.Hosts[^1].HostAndPortHost());
            Assert.True(cpu < Limit, $"{name} took {cpu} of CPU");
        }
    }

    [Fact]
    public void Parse_time_grows_linearly()
    {
        // A quadratic parser takes 25x as long for 5x the hosts; linear is about 5x. Allow 12x for noise.
        foreach (var (name, make, format) in new (string, Func<int, string>, InventoryFormat)[]
                 {
                     ("ansible-ini", LineIni, InventoryFormat.AnsibleIni),
                     ("ansible-yaml", AnsibleYaml, InventoryFormat.AnsibleYaml),
                     ("native", NativeJson, InventoryFormat.Native),
                 })
        {
            var small = Time(make, 20_000, format, withoutGc: true).Cpu;
            var large = Time(make, 100_000, format, withoutGc: true).Cpu;
            output.WriteLine($"{name}: 20,000 hosts {small.TotalMilliseconds:F0} ms cpu, 100,000 hosts {large.TotalMilliseconds:F0} ms cpu, ratio {large / small:F1}");
            Assert.True(large < small * 12 + TimeSpan.FromMilliseconds(100), $"{name}: 20k {small}, 100k {large}");
        }
    }

    [Fact]
    public void A_range_beyond_the_host_limit_fails_before_expanding()
    {
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<InventoryFormatException>(() =>
            InventoryParser.Parse("[huge]\nnode[1:2000000000]\n", InventoryFormat.AnsibleIni));
        Assert.Equal("line 2", ex.Location);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }
}

internal static class InventoryHostTestExtensions
{
    public static string HostAndPortHost(this InventoryHost host) =>
        FleetOps.Core.Targets.AddressParser.Split(host.Address).Host;
}
