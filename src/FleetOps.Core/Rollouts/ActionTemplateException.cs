namespace FleetOps.Core.Rollouts;

/// <summary>A template that cannot be parsed, or cannot be rendered for a node (no port, no such label).</summary>
public sealed class ActionTemplateException(string message) : FormatException(message);
