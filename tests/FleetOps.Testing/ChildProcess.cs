using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace FleetOps.Testing;

/// <summary>A real child process whose output is kept for failure messages; killed (SIGKILL) on dispose.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private long _total;

    /// <summary>Lines kept; older ones are dropped (<see cref="TotalLines"/> tells whether any were).</summary>
    public const int MaxLines = 20_000;

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) info.Environment[k] = v;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            child.Append(e.Data);
            if (e.Data is not null) child._errors.Enqueue(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        Interlocked.Increment(ref _total);
        while (_output.Count > MaxLines) _output.TryDequeue(out _);
    }

    public string Output(int lastLines = 60)
    {
        var lines = _output.ToArray();
        var sb = new StringBuilder();
        foreach (var l in lines.Skip(Math.Max(0, lines.Length - lastLines))) sb.AppendLine(l);
        return sb.ToString();
    }

    /// <summary>What the process wrote to stderr alone, line by line (also part of <see cref="Output"/>).</summary>
    public IReadOnlyList<string> ErrorLines => _errors.ToArray();

    /// <summary>Every line kept (stdout and stderr, the last MaxLines), for assertions over the whole output.</summary>
    public IReadOnlyList<string> Lines => _output.ToArray();

    public long TotalLines => Interlocked.Read(ref _total);

    public bool OutputContains(string text) => _output.Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>kill -9: no shutdown hooks, no flushing, exactly like a crashed machine.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM only: the caller watches whether and when it exits.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
        await kill.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(grace);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { KillHard(); }
    }

    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    public ValueTask DisposeAsync()
    {
        try { KillHard(); } catch (InvalidOperationException) { }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
