using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using FleetOps.Core;
using FleetOps.Core.Contracts;
using FleetOps.Probing.Reports;
using FleetOps.Core.Summaries;
using FleetOps.Workflows.Sweeps;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace FleetOps.Api;

/// <summary>
/// GET /api/runs/{id}/report?format=json|markdown|html&amp;diff=previous|{runId}: every target's result, streamed
/// batch by batch from blob storage, as JSON for tools or as a page for people, optionally compared with another sweep.
/// </summary>
public sealed class ReportsApi(SweepStore store, RolloutReport rollouts, PreviousSweep previous)
{
    public const string FormatQuery = "format", DiffQuery = "diff", DiffPrevious = "previous";

    private static readonly string[] Formats = ["json", "markdown", "md", "html"];

    public async Task<ApiResponse> GetReportAsync(string id, HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var instance = Routes.ReportPath(id);
        var query = QueryReader.For(request, Routes.GetRunReport);
        var format = query.OneOf(FormatQuery, Formats) ?? FromAccept(request.Headers.Accept.ToString());
        var against = query.Text(DiffQuery);
        if (against is not null && against != DiffPrevious && RequestIds.Check(against) is { } notAnId)
            query.Errors.Add(new ValidationError(DiffQuery, $"is '{DiffPrevious}' or a run id, which {notAnId}"));
        if (query.Problem(instance) is { } badQuery) return badQuery;

        var metadata = await RunLookup.FindAsync(id, client, withPayloads: true, ct).ConfigureAwait(false);
        if (metadata is null) return Problems.NotFound(id, instance);
        if (metadata.Name == Workflows.Rollouts.RolloutOrchestrator.Name) return await rollouts.GetAsync(metadata, ct).ConfigureAwait(false);

        var input = metadata.ReadInputAs<SweepInput>()!;
        var view = RunView.From(metadata);
        SweepDiff? diff = null;
        if (against is not null)
        {
            var previousId = against == DiffPrevious ? await previous.FindAsync(metadata, input, ct).ConfigureAwait(false) : against;
            if (previousId is null)
                return Problems.Validation([new ValidationError("diff", input.Inventory is null
                    ? "diff=previous needs a sweep of a stored inventory; name a run id instead"
                    : $"no earlier completed sweep of inventory {Echo.Quote(input.Inventory)}")], instance);
            if (await RunLookup.FindAsync(previousId, client, withPayloads: false, ct).ConfigureAwait(false) is not { Name: SweepOrchestrator.Name })
                return Problems.Validation([new ValidationError("diff", $"no sweep has id {Echo.Quote(previousId)}")], instance);
            diff = await ReportDiff.CompareAsync(store.ReadAllResultsAsync(previousId, ct), store.ReadAllResultsAsync(id, ct), ct: ct).ConfigureAwait(false);
        }

        var summary = view.Summary ?? new SweepSummary { Targets = input.TargetCount, BatchesTotal = input.BatchCount };
        var header = new ReportHeader(id, input.Name, view.RuntimeStatus, metadata.CreatedAt, metadata.IsCompleted ? metadata.LastUpdatedAt : null, summary);
        return format switch
        {
            "html" => Text("text/html; charset=utf-8", (writer, token) => HtmlReport.WriteAsync(writer, header, store.ReadAllResultsAsync(id, token), diff, token)),
            "markdown" or "md" => Text("text/markdown; charset=utf-8", (writer, token) => MarkdownReport.WriteAsync(writer, header, store.ReadAllResultsAsync(id, token), diff, token)),
            _ => Json(id, view, metadata, diff),
        };
    }

    private static string FromAccept(string accept) =>
        accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) ? "html"
        : accept.Contains("text/markdown", StringComparison.OrdinalIgnoreCase) ? "markdown"
        : "json";

    private static ApiResponse Text(string contentType, Func<TextWriter, CancellationToken, Task> write) =>
        ApiResponse.Stream(200, contentType, async (stream, token) =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 32 * 1024, leaveOpen: true);
            await write(writer, token).ConfigureAwait(false);
            await writer.FlushAsync(token).ConfigureAwait(false);
        });

    private ApiResponse Json(string id, RunView view, OrchestrationMetadata metadata, SweepDiff? diff) =>
        ApiResponse.Stream(200, "application/json", async (stream, token) =>
        {
            // Through a PipeWriter: the serializer never blocks on the socket, and only one batch is buffered.
            var pipe = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
            await using (var json = new Utf8JsonWriter(pipe))
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("runtimeStatus", view.RuntimeStatus);
                json.WriteBoolean("complete", metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
                if (view.Summary is not null)
                {
                    json.WritePropertyName("summary");
                    JsonSerializer.Serialize(json, view.Summary, FleetOpsJson.Options);
                }
                if (diff is not null)
                {
                    json.WritePropertyName("diff");
                    JsonSerializer.Serialize(json, diff, FleetOpsJson.Options);
                }
                json.WriteStartArray("results");
                await foreach (var batch in store.ReadAllResultsAsync(id, token).ConfigureAwait(false))
                {
                    foreach (var result in batch) JsonSerializer.Serialize(json, result, FleetOpsJson.Options);
                    json.Flush();
                    await pipe.FlushAsync(token).ConfigureAwait(false);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            await pipe.CompleteAsync().ConfigureAwait(false);
        });
}
