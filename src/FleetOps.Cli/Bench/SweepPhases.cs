using System.Globalization;

namespace FleetOps.Cli.Bench;

/// <summary>
/// Where a durable sweep's time goes, as its client sees it: <c>accept</c> (the POST: parse, store the request, create
/// the orchestration), <c>queue</c> (until the engine runs it and its batches are cut), <c>probe</c> (until every batch
/// is done), <c>finish</c> (tally, record, complete). Each boundary is known to within the polling interval.
/// </summary>
public sealed record SweepPhases(TimeSpan Accept, TimeSpan Queue, TimeSpan Probe, TimeSpan Finish)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"accept {Accept.TotalSeconds:0.00} s, queue {Queue.TotalSeconds:0.00} s, probe {Probe.TotalSeconds:0.00} s, finish {Finish.TotalSeconds:0.00} s");

    /// <summary>Builds the phases from successive GETs of the run, each stamped with the time since the POST was sent.</summary>
    public sealed class Observer(TimeSpan accepted)
    {
        private TimeSpan? _probing;
        private TimeSpan? _probed;
        private TimeSpan? _done;

        public bool Done => _done is not null;

        /// <summary>One GET's answer: the engine's status, the run's phase and its batches done of total.</summary>
        public void Observe(TimeSpan at, string runtimeStatus, string? phase, int batchesDone, int batchesTotal)
        {
            if (_probing is null && (phase is "probing" || batchesDone > 0 || runtimeStatus == "Completed")) _probing = at;
            if (_probed is null && (batchesTotal > 0 && batchesDone >= batchesTotal || runtimeStatus == "Completed")) _probed = at;
            if (_done is null && runtimeStatus is "Completed" or "Failed" or "Terminated") _done = at;
        }

        public SweepPhases Phases()
        {
            var done = _done ?? throw new InvalidOperationException("the run has not ended");
            var probing = _probing ?? done;
            var probed = _probed ?? done;
            return new SweepPhases(accepted, probing - accepted, probed - probing, done - probed);
        }
    }
}
