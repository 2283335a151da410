using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Core;
using FleetOps.Core.Contracts;
using FleetOps.Core.Monitors;
using FleetOps.Core.Notifiers;

namespace FleetOps.Cli.Apply;

/// <summary>
/// An item as it should be: <see cref="Body"/> is the JSON sent to PUT (the file's body with apply's labels), and
/// <see cref="Comparable"/> the form GET gives back for it (a monitor's definition; a notifier's redacted view), so
/// "unchanged" is a comparison of like with like. <see cref="NotifierRefs"/>: the notifiers a monitor names.
/// </summary>
internal sealed record DesiredItem(ApplyKind Kind, string Name, string Body, JsonNode Comparable, IReadOnlyList<string> NotifierRefs);

/// <summary>A problem with one item of the file, found before anything is sent.</summary>
internal sealed record ItemError(ApplyKind Kind, string Name, string Field, string Message);

/// <summary>
/// The file's items checked as the server checks them (strict JSON: unknown fields, duplicate keys, types; then the
/// monitor or notifier validator) and turned into <see cref="DesiredItem"/>s. Checks only a server can make (a
/// stored inventory, the notifier destination policy, its own timing floor) are left to the server.
/// </summary>
internal static class DesiredItems
{
    /// <summary>The lowest floor a host can be configured with; the server applies its own.</summary>
    private static readonly MonitorRules LowestFloor = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    /// <summary>PBKDF2 rounds for <see cref="ApplyLabels.SecretsHash"/>: a weak inline secret is slow to guess from the label.</summary>
    internal const int HashIterations = 100_000;

    public static (IReadOnlyList<DesiredItem> Items, IReadOnlyList<ItemError> Errors) Build(ApplyFile file)
    {
        var items = new List<DesiredItem>();
        var errors = new List<ItemError>();
        foreach (var item in file.Items)
        {
            try
            {
                items.Add(item.Kind == ApplyKind.Monitor ? Monitor(item, file.Set) : Notifier(item, file.Set));
            }
            catch (RequestValidationException e)
            {
                errors.AddRange(e.Errors.Select(x => new ItemError(item.Kind, item.Name, x.Field, x.Message)));
            }
        }
        return (items, errors);
    }

    private static DesiredItem Monitor(FileItem item, string set)
    {
        var definition = RequestReader.Deserialize<MonitorDefinition>(Encoding.UTF8.GetBytes(item.Body.ToJsonString()));
        var errors = RequestIdsProblems(item.Name).Concat(MonitorDefinitionValidator.Validate(definition, item.Name, LowestFloor)).Concat(ReservedLabels(definition.Labels)).ToList();
        if (errors.Count > 0) throw new RequestValidationException(errors);
        var labels = ApplyLabels.Marked(definition.Labels, set);
        var comparable = JsonSerializer.SerializeToNode(definition with { Name = item.Name, Labels = labels }, FleetOpsJson.Options)!;
        var refs = definition.Notifiers?.Select(n => n.Name).OfType<string>().ToList() ?? [];
        return new DesiredItem(ApplyKind.Monitor, item.Name, WithLabels(item.Body, labels), comparable, refs);
    }

    private static DesiredItem Notifier(FileItem item, string set)
    {
        var definition = RequestReader.Deserialize<NotifierDefinition>(Encoding.UTF8.GetBytes(item.Body.ToJsonString()));
        var errors = RequestIdsProblems(item.Name).Concat(NotifierDefinitionValidator.Validate(definition, item.Name)).Concat(ReservedLabels(definition.Labels)).ToList();
        if (errors.Count > 0) throw new RequestValidationException(errors);
        var labels = ApplyLabels.Marked(definition.Labels, set);
        if (HasInlineSecret(definition)) labels[ApplyLabels.SecretsHash] = SecretsHash(item.Name, definition with { Name = item.Name, Labels = labels });
        var comparable = JsonSerializer.SerializeToNode(RedactedNotifier.Of(item.Name, definition with { Labels = labels }), FleetOpsJson.Options)!;
        return new DesiredItem(ApplyKind.Notifier, item.Name, WithLabels(item.Body, labels), comparable, []);
    }

    /// <summary>
    /// GET never shows an inline secret, so a change to one in the file is seen through this label: a salted PBKDF2
    /// of the whole definition, secrets included (the label itself left out).
    /// </summary>
    internal static string SecretsHash(string name, NotifierDefinition definition)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(definition, FleetOpsJson.Options);
        var salt = Encoding.UTF8.GetBytes("fleetops-apply/notifier/" + name);
        var hash = Rfc2898DeriveBytes.Pbkdf2(canonical, salt, HashIterations, HashAlgorithmName.SHA256, 32);
        return Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static bool HasInlineSecret(NotifierDefinition d) =>
        d.Url?.IsInline == true || d.SigningKey?.IsInline == true || d.RoutingKey?.IsInline == true || d.Headers?.Values.Any(h => h.IsInline) == true;

    private static IEnumerable<ValidationError> RequestIdsProblems(string name) =>
        RequestIds.Check(name) is { } problem ? [new ValidationError("name", problem)] : [];

    private static IEnumerable<ValidationError> ReservedLabels(Dictionary<string, string>? labels) =>
        labels is null ? [] : labels.Keys.Where(k => ApplyLabels.Reserved.Contains(k, StringComparer.Ordinal))
            .Select(k => new ValidationError($"labels.{k}", "is set by fleetops apply: leave it out"));

    /// <summary>The body as written, its <c>labels</c> (any case: the API matches fields ignoring case) replaced by <paramref name="labels"/>.</summary>
    private static string WithLabels(JsonObject body, Dictionary<string, string> labels)
    {
        var copy = body.DeepClone().AsObject();
        foreach (var key in copy.Select(p => p.Key).Where(k => k.Equals("labels", StringComparison.OrdinalIgnoreCase)).ToList()) copy.Remove(key);
        copy["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        return copy.ToJsonString(FleetOpsJson.Options);
    }
}
