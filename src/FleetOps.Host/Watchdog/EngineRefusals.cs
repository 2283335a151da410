using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using System.Text.RegularExpressions;

namespace FleetOps.Host.Watchdog;

/// <summary>
/// Watches the engine's own log for the work item it refuses: DurableTask.AzureStorage event 105, "Internal assert
/// failure: Work item queue message with ID = … is being processed multiple times concurrently". The engine still
/// holds an earlier delivery of that message in memory, so it drops every redelivery (one every visibility timeout)
/// until the process restarts, and the run waits forever. Each refused message is a sample that never moves; it is
/// forgotten once no refusal was seen for <see cref="Window"/> (the message got processed) or after a recycle.
/// </summary>
public sealed partial class EngineRefusals(TimeProvider time) : ILoggerProvider, IProgressSource
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset First, DateTimeOffset Last)> _refused = new(StringComparer.Ordinal);

    /// <summary>Longer than two work-item visibility timeouts: a message still refused is seen again within it.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(90);

    public void Record(string messageId)
    {
        var now = time.GetUtcNow();
        _refused.AddOrUpdate(messageId, (now, now), (_, seen) => (seen.First, now));
    }

    /// <summary>A fresh worker holds no earlier deliveries: what was refused before says nothing about it.</summary>
    public void Clear() => _refused.Clear();

    public Task<IReadOnlyList<ProgressSample>> SampleAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var (id, seen) in _refused)
            if (now - seen.Last > Window) _refused.TryRemove(id, out _);
        IReadOnlyList<ProgressSample> samples = _refused
            .Select(r => new ProgressSample($"message:{r.Key}", $"refused since {r.Value.First:O}", MessageId: r.Key))
            .ToList();
        return Task.FromResult(samples);
    }

    /// <summary>Null unless the log line is the engine refusing a work item; else the message id.</summary>
    public static string? RefusedMessageId(string category, int eventId, string message)
    {
        if (!category.StartsWith("DurableTask", StringComparison.Ordinal)) return null;
        if (eventId != 105 && !message.Contains("processed multiple times concurrently", StringComparison.Ordinal)) return null;
        var match = Refusal().Match(message);
        return match.Success ? match.Groups["id"].Value : null;
    }

    [GeneratedRegex(@"message with ID = (?<id>\S+) is being processed multiple times concurrently")]
    private static partial Regex Refusal();

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("DurableTask", StringComparison.Ordinal) ? new Listener(this, categoryName) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Listener(EngineRefusals owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            if (RefusedMessageId(category, eventId.Id, formatter(state, exception)) is { } id) owner.Record(id);
        }
    }
}
