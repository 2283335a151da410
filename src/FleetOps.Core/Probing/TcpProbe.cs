using FleetOps.Core.Results;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Probing;

/// <summary>Healthy when a TCP connection opens. The connection is closed at once.</summary>
public sealed class TcpProbe(PolicyConnector connector) : ICheckProbe
{
    public CheckKind Kind => CheckKind.Tcp;

    public async Task<AttemptOutcome> AttemptAsync(Target target, CheckSpec check, CancellationToken cancellationToken)
    {
        var (host, port) = target.HostAndPort();
        var effectivePort = check.Port ?? port
            ?? throw new ArgumentException($"target '{target.Name}': tcp check needs a port in the address or the check");
        using var socket = await connector.ConnectAsync(host, effectivePort, cancellationToken).ConfigureAwait(false);
        return new AttemptOutcome(Ok: true);
    }
}
