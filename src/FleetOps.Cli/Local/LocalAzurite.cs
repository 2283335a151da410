using System.Diagnostics;

namespace FleetOps.Cli.Local;

/// <summary>
/// Azurite from the repository's pinned npm package, on free loopback ports. Installs it with npm on first use,
/// so a fresh clone needs nothing but Node. Killed when disposed.
/// </summary>
public sealed class LocalAzurite : IAsyncDisposable
{
    /// <summary>The storage emulator's published development account key (public, not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process _process;

    private LocalAzurite(Process process, AzuritePorts ports)
    {
        _process = process;
        Ports = ports;
    }

    public AzuritePorts Ports { get; }
    public int ProcessId => _process.Id;
    public string ConnectionString => Ports.ConnectionString;
    public int BlobPort => Ports.Blob;

    /// <param name="repoRoot">The folder with package.json pinning azurite.</param>
    /// <param name="location">A data folder; null keeps everything in memory.</param>
    /// <param name="ports">Fixed ports (to start again where a stopped one was); null picks free ones.</param>
    public static async Task<LocalAzurite> StartAsync(string repoRoot, string? location, Action<string>? log = null, CancellationToken ct = default,
        AzuritePorts? ports = null)
    {
        var bin = await EnsureInstalledAsync(repoRoot, log, ct).ConfigureAwait(false);
        // Ports picked here were free a moment ago; another process may take one before Azurite binds it: pick again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(bin, repoRoot, location, ports ?? AzuritePorts.Free(), ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException e) when (ports is null && attempt < 3 && e.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                log?.Invoke($"Azurite's port was taken before it could bind it ({e.Message.Split('\n')[0]}); picking other ports");
            }
        }
    }

    private static async Task<LocalAzurite> StartOnceAsync(string bin, string repoRoot, string? location, AzuritePorts ports, CancellationToken ct)
    {
        var (blob, queue, table) = ports;
        var info = new ProcessStartInfo(bin)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repoRoot,
        };
        foreach (var arg in new[] { "--silent", "--skipApiVersionCheck", "--loose", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1" })
            info.ArgumentList.Add(arg);
        foreach (var (flag, port) in new[] { ("--blobPort", blob), ("--queuePort", queue), ("--tablePort", table) })
        {
            info.ArgumentList.Add(flag);
            info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (location is null) info.ArgumentList.Add("--inMemoryPersistence");
        else
        {
            Directory.CreateDirectory(location);
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(location);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {bin}");
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var azurite = new LocalAzurite(process, new AzuritePorts(blob, queue, table));
        try
        {
            foreach (var port in new[] { blob, queue, table })
                await LoopbackPort.WaitForListenerAsync(port, TimeSpan.FromSeconds(30),
                    () => process.HasExited ? $"Azurite exited with {process.ExitCode}: {Locked(stderr)}" : null, ct).ConfigureAwait(false);
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return azurite;
    }

    private static async Task<string> EnsureInstalledAsync(string repoRoot, Action<string>? log, CancellationToken ct)
    {
        var bin = Path.Combine(repoRoot, "node_modules", ".bin", "azurite");
        await InstallLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (File.Exists(bin)) return bin;
            log?.Invoke("installing Azurite (npm install, pinned in package.json)...");
            var npm = new ProcessStartInfo("npm") { WorkingDirectory = repoRoot, UseShellExecute = false };
            foreach (var arg in new[] { "install", "--no-audit", "--no-fund" }) npm.ArgumentList.Add(arg);
            using var install = Process.Start(npm) ?? throw new InvalidOperationException("npm is not on PATH: install Node.js 20 or newer");
            await install.WaitForExitAsync(ct).ConfigureAwait(false);
            if (install.ExitCode != 0 || !File.Exists(bin))
                throw new InvalidOperationException($"npm install exited {install.ExitCode} and {bin} is missing");
            return bin;
        }
        finally
        {
            InstallLock.Release();
        }
    }



    private static string Locked(System.Text.StringBuilder text)
    {
        lock (text) return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}

/// <summary>The three ports an Azurite listens on.</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    /// <summary>Three distinct ports free a moment ago (held together while chosen, so no two are the same).</summary>
    public static AzuritePorts Free()
    {
        var ports = LoopbackPort.Free(3);
        return new(ports[0], ports[1], ports[2]);
    }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={LocalAzurite.DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{Blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{Queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{Table}/devstoreaccount1;";
}
