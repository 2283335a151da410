using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Core;
using FleetOps.Core.Contracts;
using FleetOps.Core.Monitors;
using FleetOps.Workflows.Hosting;
using Microsoft.Extensions.Options;

namespace FleetOps.Workflows.Monitors;

/// <summary>A definition that passed every check, its name, and how many targets it resolved to now.</summary>
public sealed record ParsedMonitor(string Name, MonitorDefinition Definition, int Targets);

/// <summary>A <c>monitor-requests</c> message: a definition to apply, or a delete.</summary>
public sealed record MonitorRequest(string Name, ParsedMonitor? Definition, bool Delete);

/// <summary>
/// A monitor definition from bytes to a validated definition: strict JSON, the domain's validator (with the host's
/// timing floor), then its targets resolved (stored or inline inventory) and checked as a sweep's, within the fan-out
/// limit. Every problem is a <see cref="RequestValidationException"/> naming the field.
/// </summary>
public sealed class MonitorRequestParser(MonitorTargets targets, IOptions<MonitorOptions> options)
{
    private const string DeleteField = "delete";

    /// <summary>A PUT body; the name comes from the route (a <c>name</c> in the body must match it).</summary>
    public Task<ParsedMonitor> ParseAsync(ReadOnlyMemory<byte> json, string routeName, CancellationToken ct) =>
        ValidateAsync(RequestReader.Deserialize<MonitorDefinition>(json.Span), routeName, ct);

    /// <summary>A queue message: the PUT body with its <c>name</c>, or <c>{"name": "...", "delete": true}</c>.</summary>
    public async Task<MonitorRequest> ParseMessageAsync(ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        var (body, delete) = SplitDelete(json);
        var definition = RequestReader.Deserialize<MonitorDefinition>(body.Span);
        if (delete)
        {
            var name = definition.Name;
            var errors = new List<ValidationError>();
            if (name is null) errors.Add(new ValidationError("name", "is required: the monitor to delete"));
            else CheckName(name, errors);
            if (definition with { Name = null } != new MonitorDefinition())
                errors.Add(new ValidationError(DeleteField, "a delete names the monitor and nothing else"));
            if (errors.Count > 0) throw new RequestValidationException(errors);
            return new MonitorRequest(name!, null, Delete: true);
        }
        var parsed = await ValidateAsync(definition, null, ct).ConfigureAwait(false);
        return new MonitorRequest(parsed.Name, parsed, Delete: false);
    }

    private async Task<ParsedMonitor> ValidateAsync(MonitorDefinition definition, string? routeName, CancellationToken ct)
    {
        var errors = MonitorDefinitionValidator.Validate(definition, routeName, options.Value.Rules).ToList();
        var name = routeName ?? definition.Name;
        if (name is null) errors.Add(new ValidationError("name", "is required: the monitor's name"));
        else if (routeName is not null) CheckName(routeName, errors);
        if (errors.Count > 0) throw new RequestValidationException(errors);

        var resolved = await targets.ResolveAsync(name!, definition, ct).ConfigureAwait(false);
        if (definition.Targets is null && definition.Heartbeat is null)
            errors.AddRange(MonitorDefinitionValidator.ValidateResolved(definition, resolved.Targets, definition.Inventory is not null ? "inventory" : "inventoryInline.content"));
        if (MonitorLayouts.FanOutProblem(definition, resolved.Targets.Count) is { } fanOut) errors.Add(fanOut);
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return new ParsedMonitor(name!, definition with { Name = name }, resolved.Targets.Count);
    }

    /// <summary>A monitor's name is an instance id and a blob name: the run id alphabet.</summary>
    private static void CheckName(string name, List<ValidationError> errors)
    {
        if (RequestIds.Check(name) is { } problem) errors.Add(new ValidationError("name", problem));
    }

    /// <summary>Takes <c>delete</c> out of the message (the definition has no such field), checked to be a boolean.</summary>
    private static (ReadOnlyMemory<byte> Body, bool Delete) SplitDelete(ReadOnlyMemory<byte> json)
    {
        DuplicateKeys.Check(json.Span);
        if (TopLevelField.Take(json, DeleteField) is not { } taken) return (json, false);
        var (rest, node) = taken;
        if (node is not JsonValue value || !value.TryGetValue<bool>(out var delete))
            throw new RequestValidationException([new ValidationError(DeleteField, "must be true or false")]);
        return (rest, delete);
    }
}
