namespace FleetOps.Core.Rollouts;

/// <summary>The bounds of a node action, known to the validator and to the client that sends it.</summary>
public static class ActionLimits
{
    public const int DefaultTimeoutMs = 10_000, MaxTimeoutMs = 300_000;
    public const int DefaultRetries = 2, MaxRetries = 10;

    /// <summary>Characters of the node's answer kept in its result.</summary>
    public const int SnippetChars = 512;

    /// <summary>POST when the action names no method: an action changes something.</summary>
    public const string DefaultMethod = "POST";

    /// <summary>Sent by the client on every attempt; a request must not set it.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";
}
