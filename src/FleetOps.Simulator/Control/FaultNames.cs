namespace FleetOps.Simulator.Control;

/// <summary>A fault by name as people write it: any case, with or without dashes ("wrong-status", "WrongStatus", "notserving").</summary>
internal static class FaultNames
{
    public static T Parse<T>(string field, string text) where T : struct, Enum
    {
        var name = Uri.UnescapeDataString(text).Replace("-", "", StringComparison.Ordinal);
        // Letters only: Enum.TryParse would also take "3" or "1,2".
        return name.Length > 0 && name.All(char.IsAsciiLetter) && Enum.TryParse<T>(name, ignoreCase: true, out var value)
            ? value
            : throw new ControlInputException(field,
                $"{field} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, not '{text}'.");
    }
}

/// <summary>Bad input to the control port, naming the field.</summary>
internal sealed class ControlInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
