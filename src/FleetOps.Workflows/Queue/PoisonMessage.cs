using FleetOps.Core.Contracts;

namespace FleetOps.Workflows.Queue;

/// <summary>
/// What lands on <c>{queue}-poison</c>: the original message text, untouched, with why it could not be processed.
/// An operator fixes <see cref="Message"/> and puts it back on the queue. A record always fits in one queue message:
/// when the full one would not, the reason and errors are cut short and <see cref="Details"/> names the blob holding
/// everything (every error, and the original message when <see cref="Message"/> is null).
/// </summary>
public sealed record PoisonMessage(
    string Reason,
    IReadOnlyList<ValidationError>? Errors,
    string Queue,
    string MessageId,
    long DequeueCount,
    DateTimeOffset PoisonedAt,
    string? Message)
{
    /// <summary>How many errors there were, when <see cref="Errors"/> lists only the first of them.</summary>
    public int? ErrorsTotal { get; init; }

    /// <summary><c>container/blob</c> with the full record, when this one was cut to fit the queue's message limit.</summary>
    public string? Details { get; init; }

    /// <summary>True when reason, errors or message were shortened here.</summary>
    public bool? Truncated { get; init; }
}
