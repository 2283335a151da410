using System.Reflection;
using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// Each registered check kind's probe (<see cref="CheckKinds"/>), found by convention: the one class in this assembly
/// that implements <see cref="ICheckProbe{TCheck}"/> for the kind's record, built with a <see cref="PolicyConnector"/>.
/// A kind without exactly one probe stops the prober from being built: found at start-up, not on the first probe.
/// </summary>
internal static class CheckProbes
{
    /// <summary>Every probe class in this assembly, by the spec record it probes.</summary>
    public static ILookup<Type, Type> Declared { get; } = typeof(CheckProbes).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false })
        .SelectMany(t => t.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICheckProbe<>))
            .Select(i => (Check: i.GetGenericArguments()[0], Probe: t)))
        .ToLookup(p => p.Check, p => p.Probe);

    /// <summary>Why a registered kind has no single probe, for each kind that has not; empty when all have one.</summary>
    public static IReadOnlyList<string> Problems() =>
    [
        .. CheckKinds.All.Select(kind => Declared[kind.SpecType].ToList() switch
        {
            [] => $"check kind '{kind.Name}' ({kind.SpecType.Name}) has no probe: add a class implementing ICheckProbe<{kind.SpecType.Name}>",
            [_] => null,
            var many => $"check kind '{kind.Name}' has {many.Count} probes: {string.Join(", ", many.Select(p => p.Name))}",
        }).OfType<string>(),
    ];

    /// <summary>One probe per registered kind, keyed by its spec record.</summary>
    public static Dictionary<Type, ICheckProbe> Create(PolicyConnector connector)
    {
        if (Problems() is { Count: > 0 } problems) throw new InvalidOperationException(string.Join("; ", problems));
        return CheckKinds.All.ToDictionary(kind => kind.SpecType, kind => Construct(Declared[kind.SpecType].Single(), connector));
    }

    private static ICheckProbe Construct(Type probe, PolicyConnector connector) =>
        probe.GetConstructor([typeof(PolicyConnector)]) is { } constructor
            ? (ICheckProbe)constructor.Invoke([connector])
            : throw new InvalidOperationException($"{probe.Name} needs a public constructor taking a {nameof(PolicyConnector)}");
}
