using System.Text;
using FleetOps.Core.Checks;
using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Tests.Targets;

/// <summary>
/// DNS names are at most 253 characters in labels of 1-63, wherever a host name enters: target addresses (requests and
/// every inventory format), a dns check's name, serverName, http URLs and Host headers, a dns resolver, a rollout's URL.
/// </summary>
public sealed class HostNameLimitTests
{
    /// <summary>A DNS-valid name of exactly <paramref name="length"/> characters: labels of 63 and what is left.</summary>
    private static string Name(int length)
    {
        var sb = new StringBuilder();
        while (sb.Length < length)
        {
            if (sb.Length > 0) sb.Append('.');
            sb.Append('a', Math.Min(63, Math.Max(1, length - sb.Length)));
        }
        return sb.ToString();
    }

    private static readonly string Longest = Name(253), TooLong = Name(254), LongLabel = new string('b', 64) + ".example";

    private static IReadOnlyList<ValidationError> Sweep(string address, params CheckSpec[] checks) =>
        SweepRequestValidator.Validate(new SweepRequest { Targets = [new TargetSpec { Name = "a", Address = address }], Checks = [.. checks] });

    [Fact]
    public void The_names_are_the_lengths_they_say() => Assert.Equal((253, 254), (Longest.Length, TooLong.Length));

    [Fact]
    public void A_target_host_of_253_characters_is_taken_and_of_254_is_not()
    {
        Assert.True(AddressParser.TrySplit($"{Longest}:80", out var host, out _, out _));
        Assert.Equal(Longest, host);
        Assert.Empty(Sweep($"{Longest}:80", new TcpCheck()));

        foreach (var address in new[] { TooLong, $"{TooLong}:80", $"{LongLabel}:80", "a..b:80", $"[{new string('1', 300)}]:80", new string('x', 1 << 20) })
        {
            var error = Assert.Single(Sweep(address, new TcpCheck { Port = 1 }));
            Assert.Equal("targets[0].address", error.Field);
            Assert.Contains("the host", error.Message);
            Assert.InRange(error.Message.Length, 1, 300);
        }
    }

    [Fact]
    public void A_rollout_nodes_host_is_held_to_the_same_limit()
    {
        var request = new RolloutRequest { Targets = [new TargetSpec { Name = "a", Address = $"{TooLong}:80" }], Action = new ActionSpec { Url = "http://{{address}}/" } };

        Assert.Equal("targets[0].address", Assert.Single(RolloutRequestValidator.Validate(request)).Field);
    }

    [Theory]
    [InlineData(InventoryFormat.AnsibleIni, "[web]\n{0} ansible_port=22\n")]
    [InlineData(InventoryFormat.AnsibleIni, "[web]\nweb-1 ansible_host={0}\n")]
    [InlineData(InventoryFormat.AnsibleYaml, "all:\n  hosts:\n    web-1: {{ ansible_host: {0} }}\n")]
    [InlineData(InventoryFormat.FileSd, "[{{\"targets\": [\"{0}:9100\"]}}]")]
    [InlineData(InventoryFormat.Native, "hosts: [ {{ name: web-1, address: '{0}:80' }} ]")]
    public void Every_inventory_format_holds_hosts_to_the_limit(InventoryFormat format, string template)
    {
        Assert.Single(InventoryParser.Parse(string.Format(template, Longest), format).Hosts);

        var e = Assert.Throws<InventoryFormatException>(() => InventoryParser.Parse(string.Format(template, TooLong), format));
        Assert.Contains("254 characters", e.Message);
    }

    [Fact]
    public void An_http_url_host_is_held_to_the_limit()
    {
        Assert.Empty(Sweep("h:1", new HttpCheck { Url = $"http://{Longest}/health" }));

        foreach (var url in new[] { $"http://{TooLong}/health", $"https://{LongLabel}:8443/", $"http://{Name(60_000)}/" })
        {
            var error = Assert.Single(Sweep("h:1", new HttpCheck { Url = url }));
            Assert.Equal("checks[0].url", error.Field);
            Assert.Contains("has a host that", error.Message);
        }
        // Longer than a URI may be at all: refused before its host is looked at.
        Assert.Equal("checks[0].url", Assert.Single(Sweep("h:1", new HttpCheck { Url = $"http://{new string('a', 70_000)}/" })).Field);
    }

    [Fact]
    public void A_host_header_is_a_host_name_too()
    {
        Assert.Empty(Sweep("h:1", new HttpCheck { Headers = new() { ["Host"] = $"{Longest}:8080" } }));
        Assert.Equal("checks[0].headers.Host", Assert.Single(Sweep("h:1", new HttpCheck { Headers = new() { ["Host"] = TooLong } })).Field);
    }

    [Fact]
    public void Dns_names_and_server_names_are_held_to_the_limit()
    {
        Assert.Empty(Sweep("h:1", new DnsCheck { Name = Longest }, new TlsCheck { ServerName = Longest }, new HttpCheck { ServerName = Longest }));

        var errors = Sweep("h:1", new DnsCheck { Name = TooLong }, new TlsCheck { ServerName = LongLabel }, new HttpCheck { ServerName = TooLong });
        Assert.Equal(["checks[0].name", "checks[1].serverName", "checks[2].serverName"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_resolver_is_an_address_of_bounded_length()
    {
        var error = Assert.Single(Sweep("h:1", new DnsCheck { Name = "a.test", Resolver = new string('1', 1 << 20) }));
        Assert.Equal("checks[0].resolver", error.Field);
        Assert.InRange(error.Message.Length, 1, 200);
    }

    [Fact]
    public void A_rollout_url_and_host_header_are_held_to_the_limit()
    {
        var request = new RolloutRequest
        {
            Targets = [new TargetSpec { Name = "a", Address = "h:80" }],
            Action = new ActionSpec { Url = $"http://{TooLong}/{{{{name}}}}", Headers = new() { ["Host"] = TooLong } },
        };

        Assert.Equal(["action.url", "action.headers.Host"], RolloutRequestValidator.Validate(request).Select(e => e.Field));
    }
}
