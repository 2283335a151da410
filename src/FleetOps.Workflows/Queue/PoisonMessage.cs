using FleetOps.Core.Contracts;

namespace FleetOps.Workflows.Queue;

/// <summary>
/// What lands on <c>{queue}-poison</c>: the original message text, untouched, with why it could not be processed.
/// An operator fixes <see cref="Message"/> and puts it back on the queue.
/// </summary>
public sealed record PoisonMessage(
    string Reason,
    IReadOnlyList<ValidationError>? Errors,
    string Queue,
    string MessageId,
    long DequeueCount,
    DateTimeOffset PoisonedAt,
    string Message);
