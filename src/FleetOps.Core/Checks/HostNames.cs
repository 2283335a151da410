namespace FleetOps.Core.Checks;

/// <summary>DNS host names as a check names them (ServerName, a dns check's Name): ASCII labels, xn-- for IDNs.</summary>
public static class HostNames
{
    public const int MaxLength = 253;

    /// <param name="allowUnderscore">DNS names may hold '_' (_dmarc.example.com); host names in certificates may not.</param>
    public static string? Check(string name, bool allowUnderscore)
    {
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        if (trimmed.Length == 0) return "is empty";
        if (trimmed.Length > MaxLength) return $"is {trimmed.Length} characters, more than the {MaxLength} a DNS name may have";
        foreach (var label in trimmed.Split('.'))
        {
            if (label.Length is 0 or > 63) return $"'{name}' has a label of {label.Length} characters: each must have 1-63";
            if (label[0] == '-' || label[^1] == '-') return $"'{name}' has label '{label}' starting or ending with '-'";
            foreach (var c in label)
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || (allowUnderscore && c == '_')))
                    return $"'{name}' has '{c}': host names are letters, digits and '-' (write internationalized names as xn--)";
        }
        return null;
    }
}
