using System.Net;
using System.Net.Sockets;

namespace FleetOps.Testing;

public static class FreePorts
{
    /// <summary>A loopback port that was free a moment ago (the OS picks it; a race with other processes is unlikely).</summary>
    public static int Next() => FleetOps.Cli.Local.LoopbackPort.Free();

    public static async Task WaitForListenerAsync(int port, TimeSpan timeout, Func<string>? describeFailure = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"nothing listened on 127.0.0.1:{port} within {timeout}. {describeFailure?.Invoke()}", e);
            }
        }
    }
}
