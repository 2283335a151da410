namespace FleetOps.Core.Monitors;

/// <summary>
/// The stored form of a tally: unsigned LEB128 varints, base64url in JSON. An hour with no cycle is 1 byte; otherwise
/// total, up, maintenance, maintenance-up, a 3-byte mask of the latency buckets in use, and each used bucket's count.
/// At ≤ 360 cycles an hour (10 s at the fastest) no more than two buckets can reach 128 (2-byte varints), so an hour
/// is at most 8 + 3 + 22 + 4 = 37 bytes and a day of hours at most 888 bytes (1,184 in base64). Decoding is strict:
/// truncated or trailing bytes are an error, never a silently wrong figure.
/// </summary>
public static class UptimeCodec
{
    public static byte[] Encode(UptimeTally tally)
    {
        var buffer = new List<byte>(16);
        Write(buffer, tally);
        return [.. buffer];
    }

    /// <summary>Tallies back to back (a day's 24 hours, oldest first).</summary>
    public static byte[] Encode(IEnumerable<UptimeTally> tallies)
    {
        var buffer = new List<byte>(64);
        foreach (var tally in tallies) Write(buffer, tally);
        return [.. buffer];
    }

    public static string EncodeText(UptimeTally tally) => ToText(Encode(tally));
    public static string EncodeText(IEnumerable<UptimeTally> tallies) => ToText(Encode(tallies));

    public static UptimeTally Decode(ReadOnlySpan<byte> bytes)
    {
        var position = 0;
        var tally = Read(bytes, ref position);
        if (position != bytes.Length) throw new FormatException($"uptime record: {bytes.Length - position} bytes after the tally");
        return tally;
    }

    public static List<UptimeTally> DecodeAll(ReadOnlySpan<byte> bytes)
    {
        var tallies = new List<UptimeTally>();
        for (var position = 0; position < bytes.Length;) tallies.Add(Read(bytes, ref position));
        return tallies;
    }

    public static UptimeTally DecodeText(string text) => Decode(FromText(text));
    public static List<UptimeTally> DecodeAllText(string text) => DecodeAll(FromText(text));

    /// <summary>Adds every tally in <paramref name="bytes"/> into <paramref name="into"/>, allocating nothing: a window's query.</summary>
    public static void MergeAll(ReadOnlySpan<byte> bytes, UptimeTally into)
    {
        ArgumentNullException.ThrowIfNull(into);
        for (var position = 0; position < bytes.Length;) ReadInto(bytes, ref position, into);
    }

    private static void Write(List<byte> buffer, UptimeTally tally)
    {
        WriteVarint(buffer, (ulong)tally.Total);
        if (tally.Total == 0) return;
        WriteVarint(buffer, (ulong)tally.Up);
        WriteVarint(buffer, (ulong)tally.Maintenance);
        WriteVarint(buffer, (ulong)tally.MaintenanceUp);
        var mask = 0;
        for (var i = 0; i < UptimeTally.Buckets; i++)
            if (tally.Latency[i] > 0) mask |= 1 << i;
        buffer.Add((byte)mask);
        buffer.Add((byte)(mask >> 8));
        buffer.Add((byte)(mask >> 16));
        for (var i = 0; i < UptimeTally.Buckets; i++)
            if (tally.Latency[i] > 0) WriteVarint(buffer, (ulong)tally.Latency[i]);
    }

    private static UptimeTally Read(ReadOnlySpan<byte> bytes, ref int position)
    {
        var tally = new UptimeTally();
        ReadInto(bytes, ref position, tally);
        return tally;
    }

    /// <summary>Reads one record and adds it to <paramref name="into"/> (checked first: a bad record adds nothing).</summary>
    private static void ReadInto(ReadOnlySpan<byte> bytes, ref int position, UptimeTally into)
    {
        var total = ReadCount(bytes, ref position);
        if (total == 0) return;
        var up = ReadCount(bytes, ref position);
        var maintenance = ReadCount(bytes, ref position);
        var maintenanceUp = ReadCount(bytes, ref position);
        if (position + 3 > bytes.Length) throw Truncated();
        var mask = bytes[position] | bytes[position + 1] << 8 | bytes[position + 2] << 16;
        position += 3;
        Span<long> latency = stackalloc long[UptimeTally.Buckets];
        long latencyCount = 0;
        for (var i = 0; i < UptimeTally.Buckets; i++)
            if ((mask & 1 << i) != 0) latencyCount += latency[i] = ReadCount(bytes, ref position);
        if (up > total || maintenance > total || maintenanceUp > Math.Min(up, maintenance) || latencyCount > up)
            throw new FormatException("uptime record: counts do not add up");

        into.Total += total;
        into.Up += up;
        into.Maintenance += maintenance;
        into.MaintenanceUp += maintenanceUp;
        for (var i = 0; i < UptimeTally.Buckets; i++) into.Latency[i] += latency[i];
    }

    private static void WriteVarint(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.Add((byte)value);
    }

    private static long ReadCount(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            if (position >= bytes.Length) throw Truncated();
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value <= long.MaxValue ? (long)value : throw new FormatException("uptime record: count out of range");
        }
        throw new FormatException("uptime record: varint too long");
    }

    private static FormatException Truncated() => new("uptime record: truncated");

    private static string ToText(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Stored text back to bytes (for <see cref="MergeAll"/>, which reads many tallies without allocating each).</summary>
    public static byte[] FromText(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("uptime record: not base64url") };
        return Convert.FromBase64String(base64);
    }
}
