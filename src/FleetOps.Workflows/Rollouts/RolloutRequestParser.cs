using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Core;
using FleetOps.Core.Contracts;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;
using FleetOps.Workflows.Inventories;

namespace FleetOps.Workflows.Rollouts;

/// <summary>A validated rollout request with its nodes resolved, and the lock it needs.</summary>
public sealed record ResolvedRollout(RolloutRequest Request, List<Target> Nodes, string LockKey);

/// <summary>
/// A rollout request from bytes to a validated request with its nodes resolved from the same sources as a sweep's:
/// inline <c>targets</c>, a stored <c>inventory</c> (+ <c>selector</c>) or an <c>inventoryInline</c> document.
/// Every problem is a <see cref="RequestValidationException"/> naming the field.
/// </summary>
public sealed class RolloutRequestParser(TargetSource targets, Notifiers.NotifierStore notifiers, PrometheusGate? prometheus = null)
{
    private const string InlineField = "inventoryInline";

    public async Task<ResolvedRollout> ParseAsync(ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        RequestReader.CheckSyntax(json.Span); // before the JSON tree below, which would throw on duplicate keys
        // RolloutRequest has no inventoryInline (the domain validates targets or a name); take it out first, so the
        // strict reader (unknown fields are errors) sees only what RolloutRequest knows.
        var (body, inline) = SplitInline(json);
        var request = RequestReader.Deserialize<RolloutRequest>(body.Span);

        var errors = RolloutRequestValidator.Validate(request).ToList();
        if (inline is not null)
        {
            if (request.Targets is not null || request.Inventory is not null)
                errors.Add(new ValidationError(InlineField, "give only one of `targets`, `inventory` and `inventoryInline`"));
            else
                errors.RemoveAll(e => e.Field == "targets"); // "give the nodes": the inline inventory gives them
        }
        if (request.Gate?.Prometheus is not null && prometheus?.Configured != true)
            errors.Add(new ValidationError("gate.prometheus", $"no Prometheus is configured for gates: set {Hosting.PrometheusOptions.Section}:Url"));
        if (!errors.Any(e => e.Field.StartsWith("notifiers", StringComparison.Ordinal)))
            errors.AddRange(await MissingNotifiersAsync(request.Notifiers, ct).ConfigureAwait(false));
        if (errors.Count > 0) throw new RequestValidationException(errors);

        var specs = await targets.ResolveAsync(request.Targets, request.Inventory, inline, request.Selector, ct).ConfigureAwait(false);
        if (request.Targets is null)
        {
            // Nodes from an inventory: check them as the validator checks inline ones (names, addresses, what the
            // gate needs), reported at the inventory with the host's name.
            var field = request.Inventory is not null ? "inventory" : InlineField + ".content";
            var asInline = request with { Inventory = null, Selector = null, Targets = specs.Select(s => s with { Checks = null }).ToList() };
            var nodeErrors = RolloutRequestValidator.Validate(asInline)
                .Where(e => e.Field.StartsWith("targets", StringComparison.Ordinal))
                .Select(e => new ValidationError(field, Describe(e, specs)))
                .ToList();
            if (nodeErrors.Count > 0) throw new RequestValidationException(nodeErrors);
        }

        var nodes = specs.Select(s => new Target(s.Name!, s.Address!, s.Labels)).ToList();
        var lockKey = request.Inventory is { } inventory ? RolloutLocks.ForInventory(inventory) : RolloutLocks.ForNodes(nodes.Select(n => n.Name));
        return new ResolvedRollout(request, nodes, lockKey);
    }

    /// <summary>Each named notifier must be stored: one existence check per name (at most MonitorLimits.MaxNotifiers).</summary>
    private async Task<List<ValidationError>> MissingNotifiersAsync(List<string>? names, CancellationToken ct)
    {
        var missing = new List<ValidationError>();
        for (var i = 0; i < (names?.Count ?? 0); i++)
            if (!await notifiers.ExistsAsync(names![i], ct).ConfigureAwait(false))
                missing.Add(new ValidationError($"notifiers[{i}]", $"no notifier named '{names[i]}': store it first with PUT /api/notifiers/{names[i]}"));
        return missing;
    }

    /// <summary>"targets[3].address: ..." about an inventory host → "host 'web-4' (targets[3].address): ...".</summary>
    private static string Describe(ValidationError error, List<TargetSpec> specs)
    {
        var close = error.Field.IndexOf(']', StringComparison.Ordinal);
        if (error.Field.StartsWith("targets[", StringComparison.Ordinal) && close > 0
            && int.TryParse(error.Field["targets[".Length..close], out var index) && index < specs.Count)
            return $"host {Echo.Quote(specs[index].Name)} ({Echo.Cut(specs[index].Address ?? "")}){error.Field[(close + 1)..]}: {error.Message}";
        return $"{error.Field}: {error.Message}";
    }

    private static (ReadOnlyMemory<byte> Body, InlineInventory? Inline) SplitInline(ReadOnlyMemory<byte> json)
    {
        if (TopLevelField.Take(json, InlineField) is not { } taken) return (json, null);
        var (rest, node) = taken;
        InlineInventory? inline;
        try
        {
            inline = node?.Deserialize<InlineInventory>(FleetOpsJson.Strict);
        }
        catch (JsonException e)
        {
            throw new RequestValidationException([RequestReader.ErrorOf(e, InlineField)]);
        }
        return (rest, inline);
    }
}
