using FleetOps.Core.Checks;
using System.Collections.Concurrent;
using System.Text.Json;
using FleetOps.Core.Rollouts;
using FleetOps.Core.Targets;
using FleetOps.Workflows.Rollouts;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using FleetOps.Core;

namespace FleetOps.Workflows.Tests.Rollouts;

/// <summary>
/// <see cref="RolloutOrchestrator"/> on the Durable Task SDK's in-process test backend, with its activities replaced
/// by scripted ones that record what the sequencer asked for. The real activities are tested on Azurite and end to end.
/// </summary>
internal sealed class SequencerHost : IAsyncDisposable
{
    private static readonly JsonDataConverter Converter = new(FleetOpsJson.Options);
    private readonly DurableTaskTestHost _host;

    private SequencerHost(DurableTaskTestHost host) => _host = host;

    public ConcurrentQueue<ActionBatchInput> Actions { get; } = new();
    public ConcurrentQueue<GateRoundInput> Gates { get; } = new();
    public ConcurrentQueue<TimelineInput> Segments { get; } = new();
    public ConcurrentQueue<StopSignalInput> Signals { get; } = new();
    public ConcurrentQueue<RolloutNoticeInput> Notices { get; } = new();
    public ConcurrentQueue<AnalysisInput> Analyses { get; } = new();

    /// <summary>Each Prometheus analysis round's outcome (default: every due query passes).</summary>
    public Func<AnalysisInput, AnalysisOutcome> OnAnalysis { get; set; } =
        i => new AnalysisOutcome(i.Count, [.. i.Due.Select(q => new Core.Rollouts.Analysis.QueryMeasurement(q, Core.Rollouts.Analysis.QueryVerdict.Pass, "ok"))]);
    public int Released => _released;
    private int _released;

    /// <summary>Each action chunk's outcome (default: every node ok).</summary>
    public Func<ActionBatchInput, ActionBatchOutcome> OnAction { get; set; } = i => new ActionBatchOutcome(i.Count, 0, 0, []);

    /// <summary>Each gate round's outcome (default: every node healthy).</summary>
    public Func<GateRoundInput, GateRoundOutcome> OnGate { get; set; } = i => new GateRoundOutcome(i.Count, 0, []);

    public DurableTaskClient Client => _host.Client;

    /// <summary>The timeline as written, segment by segment.</summary>
    public List<TimelineEntry> Timeline => [.. Segments.OrderBy(s => s.Segment).SelectMany(s => s.Entries)];

    public List<string> Events => [.. Timeline.Select(e => e.Event)];

    /// <summary>
    /// The test host picks a free port and then binds it; a test running beside it may take the port in between. That
    /// start is tried again (on another port it picks), a few times: never a failure of what is tested.
    /// </summary>
    public static async Task<SequencerHost> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync().ConfigureAwait(false);
            }
            catch (IOException e) when (attempt < 5 && PortTaken(e))
            {
            }
        }
    }

    private static bool PortTaken(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }) return true;
        return false;
    }

    private static async Task<SequencerHost> StartOnceAsync()
    {
        SequencerHost? self = null;
        var host = await DurableTaskTestHost.StartAsync(tasks =>
        {
            tasks.AddOrchestrator<RolloutOrchestrator>();
            tasks.AddActivityFunc<ActionBatchInput, ActionBatchOutcome>(ActionBatchActivity.Name, (_, i) => { self!.Actions.Enqueue(i); return self.OnAction(i); });
            tasks.AddActivityFunc<GateRoundInput, GateRoundOutcome>(GateActivity.Name, (_, i) => { self!.Gates.Enqueue(i); return self.OnGate(i); });
            tasks.AddActivityFunc<AnalysisInput, AnalysisOutcome>(AnalysisActivity.Name, (_, i) => { self!.Analyses.Enqueue(i); return self.OnAnalysis(i); });
            tasks.AddActivityFunc<PreflightInput, PreflightOutcome>(PreflightActivity.Name, (_, _) => new PreflightOutcome(0, 0, []));
            tasks.AddActivityFunc<ReleaseLockInput, bool>(ReleaseLockActivity.Name, (_, _) => { Interlocked.Increment(ref self!._released); return true; });
            tasks.AddActivityFunc<TimelineInput, bool>(RecordTimelineActivity.Name, (_, i) => { self!.Segments.Enqueue(i); return true; });
            tasks.AddActivityFunc<StopSignalInput, bool>(SignalStopActivity.Name, (_, i) => { self!.Signals.Enqueue(i); return true; });
            tasks.AddActivityFunc<RolloutNoticeInput, int>(NotifyRolloutActivity.Name, (_, i) => { self!.Notices.Enqueue(i); return i.Notices.Count * i.Notifiers.Count; });
        }, new DurableTaskTestHostOptions
        {
            // The payload shape both hosts use (check kinds are told apart by "kind"), not the SDK's default.
            ConfigureServices = services =>
            {
                services.ConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = Converter);
                services.ConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = Converter);
            },
        });
        self = new SequencerHost(host);
        return self;
    }

    public static RolloutInput Input(int nodes, string waves, int concurrency = 2, RolloutGate? gate = null, ApprovalMode approval = ApprovalMode.None,
        RolloutBudgets? budgets = null, ActionSpec? rollback = null) =>
        new("run-" + Guid.NewGuid().ToString("N")[..8], "test", nodes, "nodes/test", new ActionSpec { Url = "http://{{address}}/deploy" }, concurrency,
            gate ?? new RolloutGate([new TcpCheck()], 1, 1, 30),
            budgets ?? new RolloutBudgets(new BudgetValue(0, false), new BudgetValue(0, false), BudgetAction.Halt), approval, 3600, false)
        {
            Waves = [.. JsonDocument.Parse(waves).RootElement.EnumerateArray().Select(e => e.Clone())],
            Rollback = rollback,
        };

    public async Task<string> StartAsync(RolloutInput input)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(new TaskName(RolloutOrchestrator.Name), input, new StartOrchestrationOptions(input.RunId));
        return input.RunId;
    }

    public async Task<OrchestrationMetadata> EndAsync(string id, int seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Polls the custom status until it holds (or fails after <paramref name="seconds"/>).</summary>
    public async Task<RolloutProgress> UntilAsync(string id, Func<RolloutProgress, bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var metadata = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (metadata?.SerializedCustomStatus is not null && metadata.ReadCustomStatusAs<RolloutProgress>() is { } progress && condition(progress)) return progress;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"rollout {id}: not within {seconds} s; last status {metadata?.SerializedCustomStatus}");
            await Task.Delay(50);
        }
    }

    public static RolloutProgress Final(OrchestrationMetadata metadata) =>
        metadata.ReadOutputAs<RolloutOutcome>()?.Progress ?? throw new InvalidOperationException($"no output: {metadata.RuntimeStatus} {metadata.FailureDetails?.ErrorMessage}");

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
