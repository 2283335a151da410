using FleetOps.Core.Contracts;
using FleetOps.Core.Notifiers;

namespace FleetOps.Workflows.Notifiers;

/// <summary>
/// The body of <c>PUT /api/notifiers/{name}</c> from bytes to a validated definition: read strictly (unknown fields and
/// duplicate keys are errors), checked by its kind, and its destination checked against the notifier policy, so a URL
/// to a link-local or metadata address (or outside <c>FleetOps:Notifiers:Allow</c>) is refused when it is stored,
/// not only when a delivery would connect. Every problem is a <see cref="RequestValidationException"/> naming the field.
/// </summary>
public sealed class NotifierRequestParser(NotifierPolicy policy)
{
    public NotifierDefinition Parse(ReadOnlySpan<byte> json, string name)
    {
        if (RequestIds.Check(name) is { } nameProblem) throw new RequestValidationException([new ValidationError("name", nameProblem)]);
        var definition = RequestReader.Deserialize<NotifierDefinition>(json);
        var errors = NotifierDefinitionValidator.Validate(definition, name).ToList();
        if (errors.Count == 0 && policy.CheckDefinition(definition) is { } denied)
            errors.Add(new ValidationError("url", $"{denied}: notifiers may not send there"));
        return errors.Count > 0 ? throw new RequestValidationException(errors) : definition;
    }
}
