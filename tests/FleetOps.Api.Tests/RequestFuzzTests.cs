using System.Text;
using FleetOps.Api.Tests.Support;
using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;
using FleetOps.Core.Monitors;
using FleetOps.Core.Notifiers;
using FleetOps.Core.Rollouts;
using FleetOps.Testing.Fuzz;
using FleetOps.Workflows.Inventories;
using FleetOps.Workflows.Rollouts;
using FleetOps.Workflows.Sweeps;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace FleetOps.Api.Tests;

/// <summary>
/// The readers and validators of every request contract, fuzzed without a host or storage (the route table with a
/// real engine is <see cref="EdgeFuzzTests"/>; the running self-host, tests/FleetOps.EndToEnd.Tests/RequestFuzzTests):
/// each mutant either parses or is refused with validation errors whose fields and messages fit the problem caps
/// uncut; nothing else may be thrown. Each case's cost (CPU time and allocations of this thread) is held to a bound
/// linear in the input's size (<see cref="CaseCost"/>). Seeded (<see cref="FuzzRunner"/>): a failure prints the seed,
/// the case and the input.
/// </summary>
public sealed class RequestFuzzTests(ITestOutputHelper output)
{
    /// <summary>Cases per contract in CI (FLEETOPS_FUZZ_CASES runs more).</summary>
    public const int Cases = 200;

    private static readonly FuzzLimits Limits = FuzzLimits.InProcess;
    private static readonly TargetSource Targets = new(new InventoryStore(AbsentStorage.Clients(), new ParsedInventoryCache()));
    private static readonly FleetOps.Workflows.Notifiers.NotifierStore Notifiers = new(AbsentStorage.Clients(), TimeProvider.System);

    /// <summary>
    /// Linear cost: 64 MiB and 1 s of CPU for any request (what the documented limits let a small one expand to: a
    /// host range, an inventory's groups), plus 400 bytes allocated and 2 ms of CPU per KiB-scaled byte of input.
    /// Measured worst cases (seed 20261201, 2,000 cases a contract) are printed by each test.
    /// </summary>
    private readonly CaseCost _cost = new(fixedBytes: 64L << 20, allocatedPerByte: 400, fixedCpu: TimeSpan.FromSeconds(1), cpuPerKiB: TimeSpan.FromMilliseconds(2));

    [Fact]
    public void Sweep_bodies() => Run("inproc-sweeps", r => BodyFuzz.Json(r, RequestCorpus.Sweeps, Limits, "sweep"),
        body => Refusal(body.Bytes.Length, () => new SweepRequestParser(Targets, SweepLimits.Default).ParseAsync(body.Bytes, default).GetAwaiter().GetResult()));

    [Fact]
    public void Rollout_bodies() => Run("inproc-rollouts", r => BodyFuzz.Json(r, RequestCorpus.Rollouts, Limits, "rollout"),
        body => Refusal(body.Bytes.Length, () => new RolloutRequestParser(Targets, Notifiers).ParseAsync(body.Bytes, default).GetAwaiter().GetResult()));

    [Fact]
    public void Control_and_retune_bodies() => Run("inproc-controls",
        r => r.Chance(0.5) ? BodyFuzz.Json(r, RequestCorpus.ControlBodies, Limits, "control") : BodyFuzz.Json(r, RequestCorpus.RetuneBodies, Limits, "retune"),
        body => Refusal(body.Bytes.Length, () =>
        {
            if (body.Description.StartsWith("control", StringComparison.Ordinal)) return RequestReader.Deserialize<ControlBody>(body.Bytes);
            return Validated(RetuneRequestValidator.Validate(RequestReader.Deserialize<RetuneRequest>(body.Bytes)));
        }));

    [Fact]
    public void Monitor_and_notifier_definitions() => Run("inproc-monitors",
        r => r.Chance(0.5) ? BodyFuzz.Json(r, RequestCorpus.Monitors, Limits, "monitor") : BodyFuzz.Json(r, RequestCorpus.Notifiers, Limits, "notifier"),
        body => Refusal(body.Bytes.Length, () => body.Description.StartsWith("monitor", StringComparison.Ordinal)
            ? Validated(MonitorDefinitionValidator.Validate(RequestReader.Deserialize<MonitorDefinition>(body.Bytes)))
            : Validated(NotifierDefinitionValidator.Validate(RequestReader.Deserialize<NotifierDefinition>(body.Bytes)))));

    /// <summary>As PUT /api/inventories/{name} reads them: UTF-8 text, a format named or detected, then parsed.</summary>
    [Fact]
    public void Inventory_files() => Run("inproc-inventories", r => BodyFuzz.Inventory(r, Limits),
        input => Refusal(input.Body.Bytes.Length, () =>
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(input.Body.Bytes);
            var format = input.Format is { } name ? InventoryFormats.Parse(name) : InventoryParser.Detect(text);
            return InventoryParser.Parse(text, format);
        }),
        input => input.Body.ToString());

    [Fact]
    public void Selectors() => Run("inproc-selectors", r => BodyFuzz.Selector(r, Limits), text => Refusal(text.Length, () => Selector.Parse(text)), text => text);

    [Fact]
    public void Content_types() => Run("inproc-content-types",
        r => r.Chance(0.5) ? r.Pick(HttpCases.OddContentTypes) : StringMutator.Mutate(r, r.Pick(HttpCases.JsonContentTypes), Limits).Text,
        contentType =>
        {
            foreach (var accepted in new[] { MediaTypes.Json, MediaTypes.InventoryFile })
                if (accepted.Check(contentType) is { } reason) EdgeRules.CheckErrors([new ValidationError("Content-Type", reason)]);
        },
        contentType => contentType);

    /// <summary>What every route checks of its query string, and the parameters each reads, on any query.</summary>
    [Fact]
    public void Query_strings() => Run("inproc-queries",
        r => HttpCases.Next(r, new FuzzTargets("fuzz-rollout", "fuzz-sweep", RequestCorpus.StoredInventory), Limits),
        call => _cost.Check(call.PathAndQuery.Length, () =>
        {
            var context = new DefaultHttpContext();
            var at = call.PathAndQuery.IndexOf('?');
            if (at >= 0) context.Request.QueryString = new QueryString(call.PathAndQuery[at..]);
            var query = QueryReader.For(context.Request, call.Route);
            query.ListOf(RunsApi.StatusQuery, ["Running", "Completed"]);
            query.Int(RunsApi.LimitQuery, 1, 1000);
            query.OneOf(ReportsApi.FormatQuery, ["json", "html"]);
            query.Text(InventoriesApi.SelectorQuery, trim: true, allowEmpty: true);
            if (query.Errors.Count > 0) EdgeRules.CheckErrors(query.Errors);
        }),
        call => call.ToString());

    private void Run<T>(string name, Func<FuzzRandom, T> generate, Action<T> check, Func<T, string>? print = null)
    {
        var ran = FuzzRunner.Run(name, Cases, generate, check, print ?? (x => x!.ToString()!));
        output.WriteLine($"{name}: {ran} cases, seed {FuzzRunner.Seed}; costliest: {_cost.Worst}");
    }

    private static object Validated(IReadOnlyList<ValidationError> errors) => errors.Count > 0 ? throw new RequestValidationException(errors) : errors;

    /// <summary>Parsed, or refused by a validation error that follows the rules, within the cost bound; any other exception fails the case.</summary>
    private void Refusal(long size, Func<object?> parse) => _cost.Check(size, () =>
    {
        try
        {
            parse();
        }
        catch (RequestValidationException e)
        {
            EdgeRules.CheckErrors(e.Errors);
        }
        catch (InventoryFormatException e)
        {
            EdgeRules.CheckError("body", e.Message);
        }
        catch (FormatException e) when (e.GetType() == typeof(FormatException))
        {
            EdgeRules.CheckError("format", e.Message);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: the handler answers "body: is not UTF-8 text".
        }
    });
}
