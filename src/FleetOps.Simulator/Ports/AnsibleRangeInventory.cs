using System.Globalization;
using System.Text;

namespace FleetOps.Simulator.Ports;

/// <summary>
/// An address-per-node fleet as an Ansible INI inventory of at most three range lines (<c>127.[1:15].[0:255].[1:254]</c>
/// and the partial blocks after it), every host's name being its loopback address and the shared port a group var.
/// A million nodes are about 100 bytes of inventory, where a targets list or a file_sd file would be 20–100 MB: the way a
/// fleet that large goes into a sweep (a stored inventory, under the 16 MiB request limit).
/// </summary>
internal static class AnsibleRangeInventory
{
    public const string Group = "fleet";

    public static string Write(int nodes, int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodes, NodeAddresses.Capacity);
        const int perBlock = NodeAddresses.PerBlock, blocksPerA = 256;
        var fullBlocks = nodes / perBlock;
        var (fullAs, blocksInLastA, rest) = (fullBlocks / blocksPerA, fullBlocks % blocksPerA, nodes % perBlock);
        var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $"[{Group}]\n");
        if (fullAs > 0) sb.Append(CultureInfo.InvariantCulture, $"127.{Range(1, fullAs)}.[0:255].[1:{perBlock}]\n");
        if (blocksInLastA > 0) sb.Append(CultureInfo.InvariantCulture, $"127.{fullAs + 1}.{Range(0, blocksInLastA - 1)}.[1:{perBlock}]\n");
        if (rest > 0) sb.Append(CultureInfo.InvariantCulture, $"127.{fullAs + 1}.{blocksInLastA}.{Range(1, rest)}\n");
        return sb.Append(CultureInfo.InvariantCulture, $"\n[{Group}:vars]\nansible_port={port}\n").ToString();
    }

    private static string Range(int from, int to) =>
        from == to ? from.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"[{from}:{to}]");
}
