namespace FleetOps.Workflows.Queue;

/// <summary>One delivery of a queue message, as either host's queue trigger sees it.</summary>
public sealed record QueueDelivery(string QueueName, string MessageId, string Body, long DequeueCount, int MaxDequeueCount)
{
    public bool IsLastAttempt => DequeueCount >= MaxDequeueCount;
    public string PoisonQueueName => QueueName + "-poison";
}

public enum QueueOutcome
{
    Started, AlreadyStarted, Poisoned,

    /// <summary>alert-deliveries: sent now, sent by an earlier delivery, or enqueued again to retry after a backoff.</summary>
    Delivered, AlreadyDelivered, RetryLater,
}
