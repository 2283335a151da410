using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace FleetOps.Core.Policy;

/// <summary>
/// The IPv4 addresses an IPv6 address stands for. A packet to <c>64:ff9b::a9fe:a9fe</c> (NAT64) or
/// <c>2002:a9fe:a9fe::1</c> (6to4) ends up at 169.254.169.254 through a translator or relay, so the policy must judge
/// the IPv4 address inside as well as the IPv6 address itself. IPv4-mapped addresses are not listed here: the socket
/// sends plain IPv4 to them, so <see cref="Normalize"/> turns them into that IPv4 address.
/// </summary>
public static class EmbeddedIPv4
{
    /// <summary>One IPv6 form that carries an IPv4 address: where it lives and how to read it.</summary>
    private sealed record Form(string Name, IPNetwork Prefix, Func<UInt128, uint> Read);

    private static readonly Form[] Forms =
    [
        // ::a.b.c.d (RFC 4291, deprecated but still routed by some stacks); ::1 and :: are loopback and unspecified, not IPv4.
        new("IPv4-compatible", IPNetwork.Parse("::/96"), Last32),
        // ::ffff:0:a.b.c.d (RFC 2765 SIIT).
        new("IPv4-translated", IPNetwork.Parse("::ffff:0:0:0/96"), Last32),
        // 64:ff9b::a.b.c.d (RFC 6052 well-known NAT64 prefix).
        new("NAT64", IPNetwork.Parse("64:ff9b::/96"), Last32),
        // 64:ff9b:1::/48 (RFC 8215 local-use NAT64): the operator picks a /48../96 inside it, so every RFC 6052 layout that fits is read.
        new("NAT64 local-use /48", IPNetwork.Parse("64:ff9b:1::/48"), a => Rfc6052(a, 48)),
        new("NAT64 local-use /56", IPNetwork.Parse("64:ff9b:1::/48"), a => Rfc6052(a, 56)),
        new("NAT64 local-use /64", IPNetwork.Parse("64:ff9b:1::/48"), a => Rfc6052(a, 64)),
        new("NAT64 local-use /96", IPNetwork.Parse("64:ff9b:1::/48"), Last32),
        // 2002:AABB:CCDD::/48 (RFC 3056 6to4): the relay's IPv4 address is bits 16-47.
        new("6to4", IPNetwork.Parse("2002::/16"), a => (uint)(a >> 80)),
        // 2001:0::/32 (RFC 4380 Teredo): the client's IPv4 address is the last 32 bits, inverted.
        new("Teredo", IPNetwork.Parse("2001::/32"), a => ~Last32(a)),
    ];

    /// <summary>An IPv4-mapped IPv6 address (<c>::ffff:a.b.c.d</c>) as the IPv4 address it is; anything else as is.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>The IPv4 addresses <paramref name="address"/> embeds, each with the name of its form; none for IPv4.</summary>
    public static IReadOnlyList<(IPAddress IPv4, string Form)> Find(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv4MappedToIPv6) return [];
        var bits = Bits(address);
        if (bits <= 1) return []; // :: and ::1
        var found = new List<(IPAddress, string)>(1);
        foreach (var form in Forms)
        {
            if (!form.Prefix.Contains(address)) continue;
            var v4 = IPv4Of(form.Read(bits));
            if (!found.Exists(f => f.Item1.Equals(v4))) found.Add((v4, form.Name));
        }
        return found;
    }

    private static UInt128 Bits(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static IPAddress IPv4Of(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    private static uint Last32(UInt128 bits) => (uint)bits;

    /// <summary>
    /// RFC 6052 section 2.2: for prefixes shorter than /96 the IPv4 address starts right after the prefix and skips
    /// bits 64-71 (the "u" octet, always zero).
    /// </summary>
    private static uint Rfc6052(UInt128 bits, int prefixLength)
    {
        uint result = 0;
        var taken = 0;
        for (var bit = prefixLength; taken < 32; bit++)
        {
            if (bit is >= 64 and < 72) continue;
            result = (result << 1) | (uint)((bits >> (127 - bit)) & 1);
            taken++;
        }
        return result;
    }
}
