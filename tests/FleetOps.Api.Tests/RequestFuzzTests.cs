using System.Text;
using FleetOps.Api.Tests.Support;
using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;
using FleetOps.Core.Rollouts;
using FleetOps.Testing.Fuzz;
using FleetOps.Workflows.Inventories;
using FleetOps.Workflows.Rollouts;
using FleetOps.Workflows.Sweeps;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace FleetOps.Api.Tests;

/// <summary>
/// The fast, in-process half of the request fuzzing (the other half goes through the running self-host,
/// tests/FleetOps.EndToEnd.Tests/RequestFuzzTests): mutants of valid requests of every contract go through the same
/// readers and validators the handlers call, with no host and no storage. Each either parses or is refused with
/// validation errors whose fields and messages fit the problem caps uncut; nothing else may be thrown. Seeded
/// (<see cref="FuzzRunner"/>): a failure prints the seed, the case and the input.
/// </summary>
public sealed class RequestFuzzTests(ITestOutputHelper output)
{
    /// <summary>Cases per contract in CI (FLEETOPS_FUZZ_CASES runs more).</summary>
    public const int Cases = 3_000;

    private static readonly FuzzLimits Limits = FuzzLimits.InProcess;
    private static readonly TargetSource Targets = new(new InventoryStore(AbsentStorage.Clients(), new ParsedInventoryCache()));

    [Fact]
    public void Sweep_bodies() => Run("inproc-sweeps", r => BodyFuzz.Json(r, RequestCorpus.Sweeps, Limits, "sweep"),
        body => Refusal(() => new SweepRequestParser(Targets, SweepLimits.Default).ParseAsync(body.Bytes, default).GetAwaiter().GetResult()));

    [Fact]
    public void Rollout_bodies() => Run("inproc-rollouts", r => BodyFuzz.Json(r, RequestCorpus.Rollouts, Limits, "rollout"),
        body => Refusal(() => new RolloutRequestParser(Targets).ParseAsync(body.Bytes, default).GetAwaiter().GetResult()));

    [Fact]
    public void Control_and_retune_bodies() => Run("inproc-controls",
        r => r.Chance(0.5) ? BodyFuzz.Json(r, RequestCorpus.ControlBodies, Limits, "control") : BodyFuzz.Json(r, RequestCorpus.RetuneBodies, Limits, "retune"),
        body => Refusal(() =>
        {
            if (body.Description.StartsWith("control", StringComparison.Ordinal)) return RequestReader.Deserialize<ControlBody>(body.Bytes);
            var errors = RetuneRequestValidator.Validate(RequestReader.Deserialize<RetuneRequest>(body.Bytes));
            return errors.Count > 0 ? throw new RequestValidationException(errors) : body;
        }));

    /// <summary>As PUT /api/inventories/{name} reads them: UTF-8 text, a format named or detected, then parsed.</summary>
    [Fact]
    public void Inventory_files() => Run("inproc-inventories", r => BodyFuzz.Inventory(r, Limits),
        input => Refusal(() =>
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(input.Body.Bytes);
            var format = input.Format is { } name ? InventoryFormats.Parse(name) : InventoryParser.Detect(text);
            return InventoryParser.Parse(text, format);
        }),
        input => input.Body.ToString());

    [Fact]
    public void Selectors() => Run("inproc-selectors", r => BodyFuzz.Selector(r, Limits), text => Refusal(() => Selector.Parse(text)), text => text);

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
        call =>
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
        },
        call => call.ToString());

    private void Run<T>(string name, Func<FuzzRandom, T> generate, Action<T> check, Func<T, string>? print = null)
    {
        var ran = FuzzRunner.Run(name, Cases, generate, check, print ?? (x => x!.ToString()!));
        output.WriteLine($"{name}: {ran} cases, seed {FuzzRunner.Seed}");
    }

    /// <summary>Parsed, or refused by a validation error that follows the rules; any other exception fails the case.</summary>
    private static void Refusal(Func<object?> parse)
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
    }
}
