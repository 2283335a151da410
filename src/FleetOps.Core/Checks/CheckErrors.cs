using System.Runtime.CompilerServices;
using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Checks;

/// <summary>The errors of one check: a kind names its own fields ("recordType"), reported at the check's path ("checks[2].recordType").</summary>
public sealed class CheckErrors : IErrorSink
{
    private readonly ValidationErrors _errors;
    private readonly string _path;

    internal CheckErrors(ValidationErrors errors, string path) => (_errors, _path) = (errors, path);

    /// <summary>The check's path: "checks[2]", "targets[0].checks[1]", "gate.checks[0]".</summary>
    public string Path => _path;

    public bool Keeping => _errors.Keeping;

    public void Fail(string field, string message)
    {
        if (Keeping) _errors.Add($"{_path}.{field}", message);
        else _errors.Skip();
    }

    public void Fail(string field, [InterpolatedStringHandlerArgument("")] ref ErrorMessage message)
    {
        if (message.Kept) _errors.Add($"{_path}.{field}", message.ToStringAndClear());
        else _errors.Skip();
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
public sealed class TargetCheckErrors : IErrorSink
{
    private readonly ValidationErrors _errors;
    private readonly string _targetPath, _address, _checksPath;

    internal TargetCheckErrors(ValidationErrors errors, string targetPath, string address, string checksPath) =>
        (_errors, _targetPath, _address, _checksPath) = (errors, targetPath, address, checksPath);

    public bool Keeping => _errors.Keeping;

    /// <summary>The target's address as messages quote it.</summary>
    public string Address => Echo.Quote(_address);

    /// <summary>The check being asked, as messages name it: "checks[1] (tcp)".</summary>
    public string Check => $"{_checksPath}[{CheckIndex}] ({CheckKindName})";

    internal int CheckIndex { get; set; }
    internal string CheckKindName { get; set; } = "";

    public void Fail([InterpolatedStringHandlerArgument("")] ref ErrorMessage message)
    {
        if (message.Kept) _errors.Add($"{_targetPath}.address", message.ToStringAndClear());
        else _errors.Skip();
    }

    /// <summary>For kinds that connect to a port: the check's <paramref name="port"/>, or else the address's, must be given.</summary>
    public void NeedsPort(int? port, TargetAddress target)
    {
        if (port is null && target.Port is null) Fail($"{Address} has no port and {Check} names none");
    }
}
