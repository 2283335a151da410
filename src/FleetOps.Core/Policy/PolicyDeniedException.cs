namespace FleetOps.Core.Policy;

/// <summary>Thrown before any packet is sent to a target the policy does not allow.</summary>
public sealed class PolicyDeniedException(string message) : Exception(message);
