namespace FleetOps.Core.Notifiers;

/// <summary>
/// One kind of notifier (Gatus' alert providers): the fields it takes, how it validates them, and how it turns a
/// <see cref="Notification"/> into the HTTP request its receiver documents. Building is pure: secrets come from an
/// <see cref="ISecretSource"/>, the time is a parameter.
/// </summary>
public interface INotifierKind
{
    string Name { get; }

    /// <summary>The definition's fields this kind uses besides kind, name and labels; any other must be absent.</summary>
    IReadOnlyList<string> Fields { get; }

    /// <summary>Whether <c>url</c> is itself a secret (a Slack or Teams webhook URL is the credential).</summary>
    bool UrlIsSecret { get; }

    void Validate(NotifierDefinition definition, Action<string, string> fail);

    /// <exception cref="NotifierConfigException">A secret's setting is missing, or what it holds is unusable.</exception>
    NotifierRequest Build(NotifierDefinition definition, Notification notification, ISecretSource secrets, DateTimeOffset now);
}
