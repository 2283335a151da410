using System.Text.Json;
using System.Xml;

namespace FleetOps.Workflows.Hosting;

/// <summary>
/// The root host.json, read the way the Functions host reads it, so both hosts run with one set of knobs:
/// <c>extensions.durableTask</c> for the engine and <c>extensions.queues</c> for queue triggers.
/// </summary>
public sealed record HostJson(EngineSettings Engine, QueueTriggerSettings Queues)
{
    public static HostJson Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"host.json not found at {path}", path);
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var extensions = doc.RootElement.TryGetProperty("extensions", out var e) ? e : default;
        return new HostJson(EngineSettings.From(Child(extensions, "durableTask")), QueueTriggerSettings.From(Child(extensions, "queues")));
    }

    /// <summary>Values that parse but cannot work, each naming its host.json path.</summary>
    public IEnumerable<string> Problems()
    {
        if (EngineSettings.HubNameProblem(Engine.HubName) is { } hub) yield return $"extensions.durableTask.hubName: {hub}";
        if (Engine.PartitionCount is < 1 or > 16) yield return $"extensions.durableTask.storageProvider.partitionCount: must be between 1 and 16 (got {Engine.PartitionCount})";
        if (Engine.MaxConcurrentActivities < 1) yield return "extensions.durableTask.maxConcurrentActivityFunctions: must be at least 1";
        if (Engine.MaxConcurrentOrchestrations < 1) yield return "extensions.durableTask.maxConcurrentOrchestratorFunctions: must be at least 1";
        if (Engine.ControlQueueVisibilityTimeout <= TimeSpan.Zero) yield return "extensions.durableTask.storageProvider.controlQueueVisibilityTimeout: must be positive";
        if (Engine.WorkItemQueueVisibilityTimeout <= TimeSpan.Zero) yield return "extensions.durableTask.storageProvider.workItemQueueVisibilityTimeout: must be positive";
        if (Queues.NewBatchThreshold < 0) yield return "extensions.queues.newBatchThreshold: must not be negative";
        if (Queues.MaxPollingInterval <= TimeSpan.Zero) yield return "extensions.queues.maxPollingInterval: must be positive";
        if (Queues.VisibilityTimeout < TimeSpan.Zero) yield return "extensions.queues.visibilityTimeout: must not be negative";
        if (Queues.MaxDequeueCount < 1) yield return "extensions.queues.maxDequeueCount: must be at least 1";
        if (Queues.MessageEncoding is not ("base64" or "none")) yield return $"extensions.queues.messageEncoding: must be base64 or none (got '{Queues.MessageEncoding}')";
    }

    public static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    public static int Int(JsonElement element, string name, int fallback) =>
        Child(element, name) is { ValueKind: JsonValueKind.Number } v ? v.GetInt32() : fallback;

    public static string? String(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>host.json durations are "hh:mm:ss" (TimeSpan) or ISO 8601 ("PT30S").</summary>
    public static TimeSpan Duration(JsonElement element, string name, TimeSpan fallback)
    {
        var text = String(element, name);
        if (text is null) return fallback;
        if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span)) return span;
        try { return XmlConvert.ToTimeSpan(text); }
        catch (FormatException) { throw new FormatException($"host.json: '{name}' = '{text}' is not a duration (hh:mm:ss or ISO 8601)"); }
    }
}

/// <summary><c>extensions.durableTask</c>: the settings Durable Functions reads, applied to the self-host's engine.</summary>
public sealed record EngineSettings(
    string HubName,
    int PartitionCount,
    int MaxConcurrentActivities,
    int MaxConcurrentOrchestrations,
    TimeSpan ControlQueueVisibilityTimeout,
    TimeSpan WorkItemQueueVisibilityTimeout)
{
    /// <summary>Azure Storage task hub names: 3 to 45 letters and digits, starting with a letter. Null when valid.</summary>
    public static string? HubNameProblem(string hub) =>
        hub.Length is >= 3 and <= 45 && char.IsAsciiLetter(hub[0]) && hub.All(char.IsAsciiLetterOrDigit)
            ? null
            : $"'{hub}' is not a task hub name (3 to 45 letters and digits, starting with a letter)";

    public static EngineSettings From(JsonElement durable)
    {
        var storage = HostJson.Child(durable, "storageProvider");
        return new EngineSettings(
            HostJson.String(durable, "hubName") ?? "FleetOps",
            HostJson.Int(storage, "partitionCount", 4),
            HostJson.Int(durable, "maxConcurrentActivityFunctions", 10),
            HostJson.Int(durable, "maxConcurrentOrchestratorFunctions", 100),
            HostJson.Duration(storage, "controlQueueVisibilityTimeout", TimeSpan.FromMinutes(5)),
            HostJson.Duration(storage, "workItemQueueVisibilityTimeout", TimeSpan.FromMinutes(5)));
    }
}

/// <summary><c>extensions.queues</c>, with the Functions host's defaults.</summary>
public sealed record QueueTriggerSettings(
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int MaxDequeueCount,
    string MessageEncoding)
{
    public static QueueTriggerSettings From(JsonElement queues)
    {
        var batchSize = Math.Clamp(HostJson.Int(queues, "batchSize", 16), 1, 32);
        return new QueueTriggerSettings(
            batchSize,
            HostJson.Int(queues, "newBatchThreshold", batchSize / 2),
            HostJson.Duration(queues, "maxPollingInterval", TimeSpan.FromMinutes(1)),
            HostJson.Duration(queues, "visibilityTimeout", TimeSpan.Zero),
            HostJson.Int(queues, "maxDequeueCount", 5),
            (HostJson.String(queues, "messageEncoding") ?? "base64").ToLowerInvariant());
    }
}
