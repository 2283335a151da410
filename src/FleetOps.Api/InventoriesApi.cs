using System.Text;
using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;
using FleetOps.Workflows.Inventories;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Api;

/// <summary>PUT/GET/DELETE /api/inventories/{name} and GET /api/inventories: inventories uploaded once, used by name.</summary>
public sealed class InventoriesApi(InventoryStore store)
{
    public const string FormatQuery = "format", SelectorQuery = "selector";

    public sealed record InventorySummary(string Name, string Format, int Hosts, IReadOnlyList<string> Groups, DateTimeOffset? UpdatedAt, int? Selected = null);

    /// <summary>PUT: the body is the inventory file as it is; <c>?format=</c> names its format, else it is detected.</summary>
    public async Task<ApiResponse> PutAsync(string name, HttpRequest request, CancellationToken ct)
    {
        var instance = request.Path.Value;
        if (InventoryNames.Check(name) is { } nameProblem)
            return Problems.Validation([new ValidationError("name", nameProblem)], instance);
        var query = QueryReader.For(request, Routes.PutInventory);
        var formatName = query.OneOf(FormatQuery, InventoryFormats.ByName.Keys.ToList());
        if (query.Problem(instance) is { } badQuery) return badQuery;
        var (body, problem) = await RequestBody.ReadAsync(request, MediaTypes.InventoryFile, ct).ConfigureAwait(false);
        if (problem is not null) return problem;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Validation([new ValidationError("body", "is not UTF-8 text")], instance);
        }

        InventoryFormat format;
        Inventory inventory;
        try
        {
            format = formatName is not null ? InventoryFormats.Parse(formatName) : InventoryParser.Detect(text);
        }
        catch (FormatException e)
        {
            return Problems.Validation([new ValidationError("format", e.Message)], instance);
        }
        try
        {
            inventory = InventoryParser.Parse(text, format);
        }
        catch (InventoryFormatException e)
        {
            return Problems.Validation([new ValidationError("body", e.Message)], instance);
        }
        if (inventory.Hosts.Count == 0)
            return Problems.Validation([new ValidationError("body", $"the {InventoryFormats.Name(format)} inventory has no hosts")], instance);

        var created = await store.PutAsync(name, format, text, inventory, ct).ConfigureAwait(false);
        return ApiResponse.Json(created ? 201 : 200, Summary(name, format, inventory, DateTimeOffset.UtcNow))
            .WithHeader("Location", Routes.GetInventory.Path(name));
    }

    /// <summary>GET: what the inventory holds; with <c>?selector=</c>, how many hosts it selects.</summary>
    public async Task<ApiResponse> GetAsync(string name, HttpRequest request, CancellationToken ct)
    {
        // A selector is text a person types: surrounding spaces are not part of it.
        var query = QueryReader.For(request, Routes.GetInventory);
        var selectorText = query.Text(SelectorQuery, trim: true, allowEmpty: true);
        if (query.Problem(request.Path.Value) is { } badQuery) return badQuery;
        var stored = await store.GetParsedAsync(name, ct).ConfigureAwait(false);
        if (stored is null) return NotFound(name, request.Path.Value);
        var inventory = stored.Inventory;
        int? selected = null;
        if (selectorText is not null)
        {
            try
            {
                selected = inventory.Select(Selector.Parse(selectorText)).Count();
            }
            catch (FormatException e)
            {
                return Problems.Validation([new ValidationError("selector", e.Message)], request.Path.Value);
            }
        }
        return ApiResponse.Json(200, Summary(name, stored.Format, inventory, stored.UpdatedAt) with { Selected = selected });
    }

    public async Task<ApiResponse> DeleteAsync(string name, HttpRequest request, CancellationToken ct) =>
        await store.DeleteAsync(name, ct).ConfigureAwait(false) ? ApiResponse.Json(200, new { name, deleted = true }) : NotFound(name, request.Path.Value);

    /// <summary>GET: a page of names (at most <see cref="InventoryStore.MaxListed"/>); <c>continuation</c> fetches the next.</summary>
    public async Task<ApiResponse> ListAsync(CancellationToken ct, string? continuation = null)
    {
        var (names, next) = await store.ListAsync(continuation, ct).ConfigureAwait(false);
        return ApiResponse.Json(200, new { inventories = names, continuation = next });
    }

    private static InventorySummary Summary(string name, InventoryFormat format, Inventory inventory, DateTimeOffset? updatedAt) =>
        new(name, InventoryFormats.Name(format), inventory.Hosts.Count, inventory.GroupNames, updatedAt);

    private static ApiResponse NotFound(string name, string? instance) =>
        Problems.Problem(404, "inventory-not-found", "No such inventory", $"name: no inventory named {Echo.Quote(name)}", instance,
            [new ValidationError("name", $"no inventory named {Echo.Quote(name)}")]);
}
