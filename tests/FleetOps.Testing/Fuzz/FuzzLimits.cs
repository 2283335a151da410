namespace FleetOps.Testing.Fuzz;

/// <summary>
/// How far a mutation may go: the largest huge string, the deepest nesting, the most repeats of an array item, the
/// largest range an inventory line may name, and the largest body. In-process cases stay smaller than HTTP ones (there
/// are many more of them); queue messages must fit a queue message (64 KiB of base64).
/// </summary>
public sealed record FuzzLimits(int MaxHugeChars, int MaxDepth, int MaxRepeat, int MaxRange, int MaxBodyBytes)
{
    public static readonly FuzzLimits InProcess = new(MaxHugeChars: 200_000, MaxDepth: 3_000, MaxRepeat: 3_000, MaxRange: 20_000, MaxBodyBytes: 4 << 20);

    /// <summary>Through the host: huge strings up to 1 MiB; few repeats, since a valid request starts a real run.</summary>
    public static readonly FuzzLimits Http = new(MaxHugeChars: 1 << 20, MaxDepth: 5_000, MaxRepeat: 200, MaxRange: 5_000, MaxBodyBytes: 17 << 20);

    /// <summary>A queue message holds 64 KiB of text; base64 takes 4 characters per 3 bytes.</summary>
    public static readonly FuzzLimits Queue = new(MaxHugeChars: 20_000, MaxDepth: 2_000, MaxRepeat: 50, MaxRange: 1_000, MaxBodyBytes: 45_000);
}
