using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;

namespace FleetOps.Workflows.Inventories;

/// <summary>
/// Turns a request's target source (inline targets, a stored inventory by name, or an inline inventory document)
/// and its selector into the list of targets, or field-named validation errors. Shared by sweeps and rollouts.
/// </summary>
public sealed class TargetSource(InventoryStore store)
{
    public async Task<List<TargetSpec>> ResolveAsync(
        List<TargetSpec>? targets, string? inventory, InlineInventory? inline, string? selectorText, CancellationToken ct)
    {
        var given = (targets is not null ? 1 : 0) + (inventory is not null ? 1 : 0) + (inline is not null ? 1 : 0);
        if (given != 1)
            throw Invalid(given == 0 ? "targets" : "inventory",
                given == 0 ? "give the targets: inline `targets`, a stored `inventory` name, or an `inventoryInline` document"
                           : "give only one of `targets`, `inventory` and `inventoryInline`");

        Selector selector;
        try
        {
            selector = selectorText is null ? Selector.All : Selector.Parse(selectorText);
        }
        catch (FormatException e)
        {
            throw Invalid("selector", e.Message);
        }

        Inventory parsed;
        if (targets is not null)
        {
            if (selector.IsAll) return targets;
            parsed = new Inventory(targets.Select(t => new InventoryHost(
                t.Name ?? "", t.Address ?? "", t.Labels ?? new Dictionary<string, string>(), t.Labels?.TryGetValue("group", out var g) == true ? [g] : [], t.Checks ?? [])).ToList());
        }
        else if (inventory is not null)
        {
            if (InventoryNames.Check(inventory) is { } nameProblem) throw Invalid("inventory", nameProblem);
            try
            {
                parsed = (await store.GetParsedAsync(inventory, ct).ConfigureAwait(false)
                    ?? throw Invalid("inventory", $"no inventory named {Echo.Quote(inventory)}: upload it with PUT /api/inventories/{Echo.Cut(inventory)}")).Inventory;
            }
            catch (InventoryFormatException e)
            {
                throw Invalid("inventory", e.Message);
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(inline!.Content)) throw Invalid("inventoryInline.content", "is required");
            InventoryFormat format;
            try
            {
                format = inline.Format is null ? InventoryParser.Detect(inline.Content) : InventoryFormats.Parse(inline.Format);
            }
            catch (FormatException e)
            {
                throw Invalid("inventoryInline.format", e.Message);
            }
            parsed = Parse(inline.Content, format, "inventoryInline.content");
        }

        var selected = parsed.Select(selector).Select(h => h.ToTargetSpec()).ToList();
        if (selected.Count == 0)
            throw Invalid(selectorText is null ? "inventory" : "selector",
                selectorText is null ? "the inventory has no hosts" : $"{Echo.Quote(selectorText)} selects none of the inventory's {parsed.Hosts.Count} hosts");
        return selected;
    }

    private static Inventory Parse(string content, InventoryFormat format, string field)
    {
        try
        {
            return InventoryParser.Parse(content, format);
        }
        catch (InventoryFormatException e)
        {
            throw Invalid(field, e.Message);
        }
    }

    private static RequestValidationException Invalid(string field, string message) => new([new ValidationError(field, message)]);
}
