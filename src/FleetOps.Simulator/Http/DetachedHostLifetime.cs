using Microsoft.Extensions.Hosting;

namespace FleetOps.Simulator.Http;

/// <summary>
/// Replaces the console lifetime: an embedded fleet must not hook Ctrl+C / SIGTERM or print banners.
/// Its owner (a test, the CLI) decides when it stops.
/// </summary>
internal sealed class DetachedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
