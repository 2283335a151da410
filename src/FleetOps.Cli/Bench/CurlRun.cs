using System.Diagnostics;

namespace FleetOps.Cli.Bench;

/// <summary>`curl --parallel` over the same URLs: what a shell script would get on this machine.</summary>
public static class CurlRun
{
    public static async Task<BenchResult?> RunAsync(IReadOnlyList<string> urls, int parallel, CancellationToken ct)
    {
        var config = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(config, urls.SelectMany(u => new[] { $"url = \"{u}\"", "output = \"/dev/null\"" }), ct).ConfigureAwait(false);
            var info = new ProcessStartInfo("curl") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--parallel", "--parallel-max", parallel.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--max-time", "5", "-w", "%{http_code}\\n", "-K", config })
                info.ArgumentList.Add(a);
            var watch = Stopwatch.StartNew();
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
                watch.Stop();
                var ok = (await output.ConfigureAwait(false)).Split('\n').Count(l => l == "200");
                return new BenchResult("curl --parallel", urls.Count, watch.Elapsed, ok, $"--parallel-max {parallel}, new connection per URL");
            }
        }
        finally
        {
            File.Delete(config);
        }
    }
}
