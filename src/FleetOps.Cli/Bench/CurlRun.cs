using System.Diagnostics;

namespace FleetOps.Cli.Bench;

/// <summary>
/// `curl --parallel` over the same URLs: what a shell script would get on this machine. curl's scheduler slows down
/// badly with very many queued transfers (100k URLs in one call ran for minutes at 100 % CPU), so large lists are
/// given to it in chunks of <see cref="ChunkSize"/>, one curl call after another, as a script would.
/// </summary>
public static class CurlRun
{
    public const int ChunkSize = 10_000;

    public static async Task<BenchResult?> RunAsync(IReadOnlyList<string> urls, int parallel, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var ok = 0;
        for (var start = 0; start < urls.Count; start += ChunkSize)
        {
            var chunk = await RunChunkAsync(urls.Skip(start).Take(ChunkSize), parallel, ct).ConfigureAwait(false);
            if (chunk is null) return null;
            ok += chunk.Value;
        }
        var chunks = (urls.Count + ChunkSize - 1) / ChunkSize;
        return new BenchResult("curl --parallel", urls.Count, watch.Elapsed, ok,
            $"--parallel-max {parallel}, new connection per URL{(chunks > 1 ? $", {chunks} calls of {ChunkSize}" : "")}");
    }

    /// <returns>How many URLs answered 200; null when there is no curl.</returns>
    private static async Task<int?> RunChunkAsync(IEnumerable<string> urls, int parallel, CancellationToken ct)
    {
        var config = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(config, urls.SelectMany(u => new[] { $"url = \"{u}\"", "output = \"/dev/null\"" }), ct).ConfigureAwait(false);
            var info = new ProcessStartInfo("curl") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--parallel", "--parallel-max", parallel.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--max-time", "5", "-w", "%{http_code}\\n", "-K", config })
                info.ArgumentList.Add(a);
            Process process;
            try
            {
                process = Process.Start(info)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null; // no curl on this machine
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync(ct);
                await process.WaitForExitAsync(ct).ConfigureAwait(false);
                return (await output.ConfigureAwait(false)).Split('\n').Count(l => l == "200");
            }
        }
        finally
        {
            File.Delete(config);
        }
    }
}
