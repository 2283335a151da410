using FleetOps.Core.Checks;

namespace FleetOps.Core.Contracts;

/// <summary>
/// Body of <c>POST /api/sweeps</c> and of a <c>sweep-requests</c> queue message.
/// Checks at the top level apply to every target that has none of its own.
/// </summary>
public sealed record SweepRequest
{
    /// <summary>Becomes the run id: the same request id never starts a second run.</summary>
    public string? RequestId { get; init; }
    public string? Name { get; init; }

    /// <summary>Where the targets come from: inline <see cref="Targets"/>, a stored inventory's name, or an inline inventory document.</summary>
    public List<TargetSpec>? Targets { get; init; }
    public string? Inventory { get; init; }
    public InlineInventory? InventoryInline { get; init; }

    /// <summary>Labels and groups to pick from the inventory: "group=web,zone!=b".</summary>
    public string? Selector { get; init; }

    public List<CheckSpec>? Checks { get; init; }
    public SweepOptions? Options { get; init; }
}

/// <summary>An inventory document in the request itself: any format the inventory endpoint takes.</summary>
public sealed record InlineInventory
{
    /// <summary>native, file-sd, ansible-ini or ansible-yaml; detected from the content when absent.</summary>
    public string? Format { get; init; }
    public string? Content { get; init; }
}

public sealed record TargetSpec
{
    public string? Name { get; init; }
    public string? Address { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public List<CheckSpec>? Checks { get; init; }
}

public sealed record SweepOptions
{
    public int? BatchSize { get; init; }
    public int? Concurrency { get; init; }
    public int? TimeoutMs { get; init; }
    public int? Attempts { get; init; }

    /// <summary>Advanced: batches per sub-orchestration for large sweeps (default 50).</summary>
    public int? ChunkBatches { get; init; }
}
