using FleetOps.Core.Contracts;
using FleetOps.Workflows.Inventories;

namespace FleetOps.Workflows.Sweeps;

/// <summary>
/// A sweep request from bytes to a validated request with its targets resolved (inline, stored inventory or inline
/// inventory, then the selector), within the fan-out limits (<see cref="SweepFanOut"/>) and the configured <see cref="SweepLimits"/>. Every problem is a
/// <see cref="RequestValidationException"/> naming the field.
/// </summary>
public sealed class SweepRequestParser(TargetSource targets, SweepLimits limits)
{
    public async Task<SweepRequest> ParseAsync(ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        var request = RequestReader.DeserializeSweep(json.Span);
        var resolved = request with
        {
            Targets = await targets.ResolveAsync(request.Targets, request.Inventory, request.InventoryInline, request.Selector, ct).ConfigureAwait(false),
            InventoryInline = null,
        };
        var errors = SweepRequestValidator.Validate(resolved, limits).ToList();
        // The fan-out depends on the resolved target count, so it is judged here; an option already out of range is reported once.
        if (!errors.Any(e => e.Field is "targets" or "options.batchSize" or "options.chunkBatches"))
            errors.AddRange(SweepFanOut.Check(SweepPlan.For(resolved)));
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return resolved;
    }
}
