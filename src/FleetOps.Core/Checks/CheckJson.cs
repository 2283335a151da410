using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FleetOps.Core.Checks;

/// <summary>
/// How a <see cref="CheckSpec"/> goes on the wire: one object whose <c>"kind"</c> (anywhere in it) names a kind in
/// <see cref="CheckKinds"/>, with that kind's fields. Built from the registry into <see cref="FleetOpsJson"/>'s contracts:
/// <list type="bullet">
/// <item>no kind, or one not registered: a <see cref="JsonException"/> naming the kinds (never a default kind), at the
/// check's kind (<see cref="PathOf"/>);</item>
/// <item>a kind's record serialized as itself (<c>TcpCheck</c>, not <c>CheckSpec</c>) writes its kind all the same;</item>
/// <item>a field another kind takes ("path" on a tcp check) is read, so its type is still checked, and kept for the
/// validator to report with the kinds that take it, every such field at once; any other unknown field is an error.</item>
/// </list>
/// </summary>
internal static class CheckJson
{
    public const string KindField = "kind";

    /// <summary>A contract modifier for FleetOpsJson's resolver.</summary>
    public static void Configure(JsonTypeInfo info)
    {
        if (info.Type == typeof(CheckSpec))
        {
            var polymorphism = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = KindField,
                // Unknown kinds fall back to the base contract, whose creation says what the kinds are.
                IgnoreUnrecognizedTypeDiscriminators = true,
                UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            };
            foreach (var kind in CheckKinds.All) polymorphism.DerivedTypes.Add(new JsonDerivedType(kind.SpecType, kind.Name));
            info.PolymorphismOptions = polymorphism;
            info.CreateObject = () => throw KindProblem();
        }
        else if (CheckKinds.Find(info.Type) is { } kind)
        {
            // A kind's record writes its "kind" too when serialized as itself (not through CheckSpec), and reads only
            // its own. System.Text.Json writes a discriminator only for polymorphic types, which cannot be sealed.
            info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = KindField };
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(kind.SpecType, kind.Name));
            // What cannot be read back is not written: computed properties (Label) stay out of the JSON.
            for (var i = info.Properties.Count - 1; i >= 0; i--)
                if (info.Properties[i].Set is null) info.Properties.RemoveAt(i);
            foreach (var (field, type) in OtherKindsFields(kind))
            {
                var property = info.CreateJsonPropertyInfo(type, field);
                property.Set = (check, _) => ((CheckSpec)check).AddMisplaced(field); // no Get: never written
                info.Properties.Add(property);
            }
        }
    }

    /// <summary>Fields some other kind takes and this one does not; a name two kinds type differently is read as any JSON.</summary>
    private static IEnumerable<(string Field, Type Type)> OtherKindsFields(CheckKind kind) =>
        CheckKinds.All
            .Where(k => k != kind)
            .SelectMany(k => k.Fields)
            .Where(f => !kind.Fields.ContainsKey(f.Key))
            .GroupBy(f => f.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(f => f.Value).Distinct().Count() == 1 ? g.First().Value : typeof(JsonElement)));

    /// <summary>
    /// The JSON path of the field a deserialization error is about: its own path, or for a check whose kind is missing or
    /// not registered (reported by System.Text.Json at the check's object), the check's <c>kind</c>.
    /// </summary>
    public static string? PathOf(JsonException e) =>
        e.Data[KindProblemKey] is true && e.Path is { } path ? $"{path}.{KindField}" : e.Path;

    private const string KindProblemKey = "FleetOps.CheckKind";

    private static JsonException KindProblem() =>
        new($"is missing or not a check kind: expected one of {CheckKinds.Names}") { Data = { [KindProblemKey] = true } };
}
