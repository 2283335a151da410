using System.Diagnostics;
using DnsClient;
using FleetOps.Core.Results;
using FleetOps.Core.Targets;

using FleetOps.Core.Checks;

namespace FleetOps.Probing;

/// <summary>
/// Asks Resolver (default: the machine's resolvers) for Name (default: the target's host) of RecordType (default A).
/// Healthy, unless conditions decide, on NOERROR with at least one answer of that type.
/// </summary>
public sealed class DnsProbe(PolicyConnector connector) : ICheckProbe<DnsCheck>
{
    private readonly DnsClients _clients = new();

    public async Task<AttemptOutcome> AttemptAsync(Target target, DnsCheck check, CancellationToken cancellationToken)
    {
        var name = check.Name ?? target.HostAndPort().Host;
        var recordType = (check.RecordType ?? "A").ToUpperInvariant();
        var type = DnsAnswers.Parse(recordType);
        LookupClient client;
        if (check.Resolver is { } resolver)
        {
            // A resolver named in a request is a destination like any target: without this, "resolver": "169.254.169.254:53"
            // or an internal host's UDP port would get packets the policy forbids to targets (and answers would map them).
            var endpoint = ResolverAddress.Parse(resolver);
            connector.EnsureAllowed(endpoint.Address);
            client = _clients.For(endpoint);
        }
        else
        {
            client = _clients.System; // the operator's own resolvers, as every probe's name resolution uses
        }

        var started = Stopwatch.GetTimestamp();
        var options = DnsClients.Configure(new DnsQueryAndServerOptions(), check.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
        var response = await client.QueryAsync(new DnsQuestion(name, type), options, cancellationToken).ConfigureAwait(false);

        var rcode = DnsAnswers.RcodeText(response.Header.ResponseCode);
        var answers = DnsAnswers.AnswersOf(response.Answers, type);
        var facts = new ProbeFacts
        {
            Connected = true,
            Ip = response.NameServer?.Address,
            ResponseTimeMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3),
            DnsRcode = rcode,
            DnsAnswers = answers,
        };
        if (AttemptOutcome.ConditionsDecide(check)) return new AttemptOutcome(facts);

        var asked = $"{name} {recordType} at {response.NameServer?.ToString() ?? "the system resolver"}";
        if (response.Header.ResponseCode != DnsHeaderResponseCode.NoError)
            // SERVFAIL is the resolver failing (upstream down, DNSSEC): it may recover. NXDOMAIN or REFUSED will not.
            return new AttemptOutcome(facts, new ProbeError(ErrorKind.Dns, $"{asked}: {rcode}")
            {
                Transient = response.Header.ResponseCode == DnsHeaderResponseCode.ServerFailure,
            });
        return answers.Count > 0
            ? new AttemptOutcome(facts)
            : new AttemptOutcome(facts, new ProbeError(ErrorKind.Dns, $"{asked}: NOERROR but no {recordType} records") { Transient = false });
    }
}
