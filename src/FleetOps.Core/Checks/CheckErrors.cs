using System.Runtime.CompilerServices;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Checks;

/// <summary>The errors of one check: a kind names its own fields ("recordType"), reported at the check's path ("checks[2].recordType").</summary>
public sealed class CheckErrors(ValidationErrors errors, string path) : IErrorSink
{
    /// <summary>The check's path: "checks[2]", "targets[0].checks[1]", "gate.checks[0]".</summary>
    public string Path => path;

    public bool Keeping => errors.Keeping;

    public void Fail(string field, string message)
    {
        if (Keeping) errors.Add($"{path}.{field}", message);
        else errors.Skip();
    }

    public void Fail(string field, [InterpolatedStringHandlerArgument("")] ref ErrorMessage message)
    {
        if (message.Kept) errors.Add($"{path}.{field}", message.ToStringAndClear());
        else errors.Skip();
    }

    public void Range(int? value, int min, int max, string field)
    {
        if (value is { } v && (v < min || v > max)) Fail(field, $"{v} is out of range {min}-{max}");
    }

    public void Port(int? port) => Range(port, 1, 65535, "port");
}

/// <summary>
/// What checks need from one target's address, reported at the address ("targets[3].address") and naming the check
/// ("checks[1] (tcp)"). This runs once per target × check, so nothing is built unless the message is kept.
/// </summary>
public sealed class TargetCheckErrors(ValidationErrors errors, string targetPath, string address, string checksPath) : IErrorSink
{
    public bool Keeping => errors.Keeping;

    /// <summary>The target's address as messages quote it.</summary>
    public string Address => Echo.Quote(address);

    /// <summary>The check being asked, as messages name it: "checks[1] (tcp)".</summary>
    public string Check => $"{checksPath}[{CheckIndex}] ({CheckKindName})";

    internal int CheckIndex { get; set; }
    internal string CheckKindName { get; set; } = "";

    public void Fail([InterpolatedStringHandlerArgument("")] ref ErrorMessage message)
    {
        if (message.Kept) errors.Add($"{targetPath}.address", message.ToStringAndClear());
        else errors.Skip();
    }
}
