using FleetOps.Core.Inventories;
using FleetOps.Simulator.Ports;

namespace FleetOps.Simulator.Tests;

public sealed class AnsibleRangeInventoryTests
{
    // Edges of the address arithmetic: within a block of 254, a whole block, a block and one, a whole second octet
    // (256 blocks), past it, and a million (the 1M bench's fleet).
    [Theory]
    [InlineData(1)]
    [InlineData(253)]
    [InlineData(254)]
    [InlineData(255)]
    [InlineData(254 * 256)]
    [InlineData(254 * 256 + 1)]
    [InlineData(254 * 256 * 2 + 300)]
    [InlineData(1_000_000)]
    public void The_inventory_names_every_node_s_address_in_order_and_no_other(int nodes)
    {
        var text = AnsibleRangeInventory.Write(nodes, port: 8123);

        var hosts = InventoryParser.Parse(text, InventoryFormat.AnsibleIni).Hosts;

        Assert.Equal(nodes, hosts.Count);
        Assert.True(text.Length < 200, text);
        for (var i = 0; i < nodes; i++)
            if (hosts[i].Address != $"{NodeAddresses.AddressOf(i)}:8123")
                Assert.Fail($"host {i} is {hosts[i].Address}, node {i} is {NodeAddresses.AddressOf(i)}:8123");
        Assert.All(hosts.Take(3), h => Assert.Contains(AnsibleRangeInventory.Group, h.Groups));
    }

    [Fact]
    public async Task A_running_address_per_node_fleet_is_its_inventory_and_a_port_per_node_one_is_refused()
    {
        await using var fleet = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 300, Addressing = NodeAddressing.AddressPerNode });
        await using var ports = await SimulatedFleet.StartAsync(new FleetSpec { Nodes = 2 });

        var hosts = InventoryParser.Parse(fleet.ToAnsibleInventory(), InventoryFormat.AnsibleIni).Hosts;

        Assert.Equal(fleet.Nodes.Select(n => n.Address), hosts.Select(h => h.Address));
        Assert.Throws<InvalidOperationException>(() => ports.ToAnsibleInventory());
    }
}
