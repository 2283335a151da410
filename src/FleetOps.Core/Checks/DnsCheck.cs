using FleetOps.Core.Contracts;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Checks;

/// <summary><c>dns</c>: ask <see cref="Resolver"/> (the system's) for <see cref="Name"/> (the target's host) of <see cref="RecordType"/> (A).</summary>
public record DnsCheck : CheckSpec
{
    public string? Name { get; init; }

    /// <summary>One of <see cref="DnsRecordTypes.Supported"/>, any case.</summary>
    public string? RecordType { get; init; }

    /// <summary>"ip" or "ip:port" (<see cref="ResolverAddress"/>): an address, never a name.</summary>
    public string? Resolver { get; init; }

    public override string Label => $"{Kind}:{RecordType ?? "A"}" + (Name is null ? "" : $" {Name}");

    public override void Validate(CheckErrors errors)
    {
        if (Name is { } name && HostNames.Check(name, allowUnderscore: true) is { } nameProblem) errors.Fail("name", nameProblem);
        if (RecordType is { } type && !DnsRecordTypes.IsSupported(type))
            errors.Fail("recordType", $"{Echo.Quote(type)} is not one of {string.Join(", ", DnsRecordTypes.Supported)}");
        if (Resolver is { } resolver && !ResolverAddress.TryParse(resolver, out _, out var resolverError))
            errors.Fail("resolver", resolverError!);
    }

    public override void ValidateTarget(TargetAddress target, TargetCheckErrors errors)
    {
        if (Name is null && target.HostIsIPAddress)
            errors.Fail($"{errors.Address} is an IP address, not a name to look up: give {errors.Check} a name");
    }
}
