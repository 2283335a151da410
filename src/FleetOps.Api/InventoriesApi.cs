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
    private const string LimitQuery = MonitorsApi.LimitQuery, ContinuationQuery = MonitorsApi.ContinuationQuery;

    /// <summary>Hosts one page of <c>/hosts</c> looks at, at most (whatever the selector and limit).</summary>
    public const int MaxScanned = 20_000;

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
            if (ParseSelector(selectorText, out var problem) is not { } selector)
                return Problems.Validation([new ValidationError(SelectorQuery, problem!)], request.Path.Value);
            selected = inventory.Select(selector).Count();
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

    /// <summary>
    /// GET /api/inventories/{name}/hosts?selector=&amp;limit=1-1000 (default 100)&amp;continuationToken=: hosts in file
    /// order. A page looks at <see cref="MaxScanned"/> hosts at most, so with a selector that picks few it may be short
    /// (even empty) and still carry a continuation.
    /// </summary>
    public async Task<ApiResponse> HostsAsync(string name, HttpRequest request, CancellationToken ct)
    {
        var instance = request.Path.Value;
        var query = QueryReader.For(request, Routes.ListInventoryHosts);
        var selectorText = query.Text(SelectorQuery, trim: true, allowEmpty: true);
        var limit = query.Int(LimitQuery, 1, 1000) ?? 100;
        var token = query.Text(ContinuationQuery);
        (int Position, string? Version)? position = token is null ? (0, null) : HostsContinuation.TryRead(token);
        if (position is null) query.Errors.Add(QueryReader.NotOurs(ContinuationQuery));
        Selector? selector = null;
        if (!string.IsNullOrEmpty(selectorText) && (selector = ParseSelector(selectorText, out var selectorProblem)) is null)
            query.Errors.Add(new ValidationError(SelectorQuery, selectorProblem!));
        if (query.Problem(instance) is { } badQuery) return badQuery;
        if (await store.GetParsedAsync(name, ct).ConfigureAwait(false) is not { } stored) return NotFound(name, instance);
        var (start, version) = position!.Value;
        var current = HostsContinuation.Version(stored.ETag);
        if (version is not null && (version != current || start > stored.Inventory.Hosts.Count))
            return Problems.Validation([new ValidationError(ContinuationQuery, "the inventory changed since this continuation was given: start again without it")], instance);

        var hosts = stored.Inventory.Hosts;
        var page = new List<object>();
        var at = start;
        for (var end = Math.Min(hosts.Count, start + MaxScanned); at < end && page.Count < limit; at++)
            if (selector is null || selector.Matches(hosts[at]))
                page.Add(new { name = hosts[at].Name, address = hosts[at].Address, groups = hosts[at].Groups, labels = hosts[at].Labels });
        return ApiResponse.Json(200, new { name, hosts = page, continuationToken = at < hosts.Count ? HostsContinuation.Write(at, current) : null });
    }

    /// <summary>The selector, or null with the parser's message when the text is not one.</summary>
    private static Selector? ParseSelector(string text, out string? problem)
    {
        try
        {
            problem = null;
            return Selector.Parse(text);
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static InventorySummary Summary(string name, InventoryFormat format, Inventory inventory, DateTimeOffset? updatedAt) =>
        new(name, InventoryFormats.Name(format), inventory.Hosts.Count, inventory.GroupNames, updatedAt);

    private static ApiResponse NotFound(string name, string? instance) =>
        Problems.Problem(404, "inventory-not-found", "No such inventory", $"name: no inventory named {Echo.Quote(name)}", instance,
            [new ValidationError("name", $"no inventory named {Echo.Quote(name)}")]);
}
