using System.Net;
using System.Net.Sockets;

namespace FleetOps.Cli.Local;

public static class LoopbackPort
{
    /// <summary>A loopback port that was free a moment ago: the OS picks it.</summary>
    public static int Free() => Free(1)[0];

    /// <summary><paramref name="count"/> distinct loopback ports free a moment ago (held together while chosen).</summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    /// <summary>
    /// Waits until something accepts connections on 127.0.0.1:<paramref name="port"/>. <paramref name="failure"/>
    /// says, when it returns text, that waiting is pointless (the process that should listen has died): that text is thrown.
    /// </summary>
    public static async Task WaitForListenerAsync(int port, TimeSpan timeout, Func<string?> failure, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (failure() is { } reason) throw new InvalidOperationException(reason);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, ct).ConfigureAwait(false);
                return;
            }
            catch (SocketException e)
            {
                if (DateTime.UtcNow >= deadline)
                    throw new TimeoutException($"nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s", e);
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Waits until the self-host on 127.0.0.1:<paramref name="port"/> answers /healthz with 200: it answers 503 from
    /// the moment it listens until it has checked the addresses it bound.
    /// </summary>
    public static async Task WaitForHealthAsync(int port, TimeSpan timeout, CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/healthz", ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"127.0.0.1:{port}/healthz did not answer 200 within {timeout.TotalSeconds:0} s");
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }
}
