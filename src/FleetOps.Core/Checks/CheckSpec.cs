using System.Text.Json.Serialization;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Checks;

/// <summary>
/// One check to run against a target. Each kind is a record of its own (<see cref="TcpCheck"/>, <see cref="HttpCheck"/>,
/// ...) that owns its fields, its validation and its <see cref="Label"/>, registered once in <see cref="CheckKinds"/>.
/// On the wire it is one JSON object whose <c>kind</c> names the kind, anywhere in the object (<see cref="CheckJson"/>).
/// Every kind takes a <see cref="TimeoutMs"/> and <see cref="Conditions"/> (Gatus-style, e.g. <c>[STATUS] == 200</c>),
/// evaluated over the attempt's <see cref="Results.ProbeFacts"/>.
/// Kind records are not sealed only because System.Text.Json writes "kind" for polymorphic types alone (see CheckJson).
/// </summary>
public abstract record CheckSpec
{
    // JSON order: kind, port, timeoutMs, conditions, then the kind's own fields (the order stored payloads have).
    protected const int PortOrder = -2, CommonOrder = -1;

    [JsonPropertyOrder(CommonOrder)]
    public int? TimeoutMs { get; init; }

    [JsonPropertyOrder(CommonOrder)]
    public List<string>? Conditions { get; init; }

    /// <summary>The kind's name on the wire ("tcp"), which results and reports carry.</summary>
    [JsonIgnore]
    public string Kind => CheckKinds.NameOf(this);

    /// <summary>A short, stable label for reports and errors: "tcp:8080", "http:/health", "dns:A web-1".</summary>
    [JsonIgnore]
    public abstract string Label { get; }

    /// <summary>Checks the kind's own fields; <paramref name="errors"/> reports each at its path ("checks[2].recordType").</summary>
    public abstract void Validate(CheckErrors errors);

    /// <summary>
    /// What the check needs from a target's address and does not give itself (a tcp check without a port needs the
    /// address's). Sweeps and rollouts ask it of every target the check runs on.
    /// </summary>
    public virtual void ValidateTarget(TargetAddress target, TargetCheckErrors errors)
    {
    }

    private List<string>? _misplaced;

    /// <summary>Fields of other kinds that came with this check on the wire; the validator reports each.</summary>
    internal IReadOnlyList<string> MisplacedFields => _misplaced ?? [];

    internal void AddMisplaced(string field) => (_misplaced ??= []).Add(field);
}
