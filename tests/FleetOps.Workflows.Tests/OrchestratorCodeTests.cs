using FleetOps.Testing;

namespace FleetOps.Workflows.Tests;

/// <summary>
/// Orchestrator code runs on the engine's replay thread, one episode at a time: awaiting a task the engine does not
/// schedule (one that completes on the thread pool) resumes the orchestrator after its episode was committed, and the
/// instance hangs. The monitor's wait once awaited <c>CancellationTokenSource.CancelAsync</c> and hung after a wake.
/// </summary>
public sealed class OrchestratorCodeTests
{
    private static readonly string[] NotDurable = ["CancelAsync(", "ConfigureAwait(", "Task.Delay(", "Task.Run(", "Task.Yield(", "Parallel."];

    [Fact]
    public void No_orchestrator_awaits_a_task_the_engine_does_not_schedule()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "FleetOps.Workflows"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("TaskOrchestrationContext context", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(files, f => f.EndsWith("MonitorOrchestrator.cs", StringComparison.Ordinal));
        var offending = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && NotDurable.Any(n => l.Text.Contains(n, StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }
}
