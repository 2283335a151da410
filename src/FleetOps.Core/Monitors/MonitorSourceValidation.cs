using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Monitors;

/// <summary>
/// A monitor's targets, checks and options, validated by the sweep validator itself (the seam is the
/// <see cref="SweepRequest"/> it takes), plus what only monitors have: exactly one target source and parent links.
/// </summary>
internal static class MonitorSourceValidation
{
    /// <summary>Stands in for an inventory's hosts while its checks are validated: a name and a port, so it adds no problem of its own.</summary>
    private static readonly TargetSpec Placeholder = new() { Name = "placeholder", Address = "placeholder.invalid:1" };

    public static void Validate(MonitorDefinition definition, Action<string, string> fail)
    {
        var given = (definition.Targets is not null ? 1 : 0) + (definition.Inventory is not null ? 1 : 0) + (definition.InventoryInline is not null ? 1 : 0);
        if (given == 0) { fail("targets", "give the targets: inline `targets`, a stored `inventory` name, or an `inventoryInline` document (or a `heartbeat`)"); return; }
        if (given > 1) { fail("inventory", "give only one of `targets`, `inventory` and `inventoryInline`"); return; }

        if (definition.ParentLabel is { } parentLabel && MonitorDefinitionValidator.LabelKeyProblem(parentLabel) is { } labelProblem)
            fail("parentLabel", labelProblem);
        if (definition.Selector is { } selector)
        {
            try { Selector.Parse(selector); }
            catch (FormatException e) { fail("selector", e.Message); }
        }

        if (definition.Targets is not null) { ValidateTargets(definition, fail); return; }
        if (definition.Inventory is { } inventory && RequestIds.Check(inventory) is { } nameProblem) fail("inventory", nameProblem);
        if (definition.InventoryInline is { } inline && string.IsNullOrWhiteSpace(inline.Content)) fail("inventoryInline.content", "is required");

        // An inventory's hosts are known only when resolved; its checks and options can be validated now.
        var sweep = new SweepRequest { Targets = [Placeholder], Checks = definition.Checks, Options = definition.Options };
        foreach (var error in SweepRequestValidator.Validate(sweep))
            if (error.Field.StartsWith("checks[", StringComparison.Ordinal) || error.Field.StartsWith("options.", StringComparison.Ordinal))
                fail(error.Field, error.Message);
    }

    /// <summary>Inline (or resolved) targets with the monitor's checks and options, exactly as a sweep's, then their parent links.</summary>
    public static void ValidateTargets(MonitorDefinition definition, Action<string, string> fail)
    {
        var targets = definition.Targets ?? [];
        var sweep = new SweepRequest { Targets = targets, Checks = definition.Checks, Options = definition.Options };
        foreach (var error in SweepRequestValidator.Validate(sweep)) fail(error.Field, error.Message);

        var label = definition.ParentLabel ?? MonitorLimits.DefaultParentLabel;
        var (_, problems) = DependencyMap.Build(targets, label);
        foreach (var (index, message) in problems) fail($"targets[{index}].labels.{Echo.Key(label)}", message);
    }
}
