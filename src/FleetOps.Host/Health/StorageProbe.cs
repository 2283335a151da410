namespace FleetOps.Host.Health;

/// <summary>
/// Checks storage every few seconds while it answers, and with backoff (1 s doubling to 15 s) while it does not, or
/// at once when a component reports a failure. Never throws: an outage of any length is ridden out.
/// </summary>
public sealed class StorageProbe(StorageHealth health) : BackgroundService
{
    private static readonly TimeSpan Healthy = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = MinBackoff;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var ok = await health.CheckAsync().ConfigureAwait(false);
                backoff = ok ? MinBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                await health.WaitForNudgeAsync(ok ? Healthy : backoff, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
