using System.Net;
using System.Text.Json.Nodes;

namespace FleetOps.Api.Client;

/// <summary>The server refused a call: its message is the problem's <c>detail</c>; the whole problem is kept.</summary>
public sealed class FleetOpsApiException(ApiRoute route, HttpStatusCode status, string detail, JsonNode? problem)
    : HttpRequestException($"{route.Name} refused ({(int)status}): {detail}", null, status)
{
    public ApiRoute Route { get; } = route;
    public string Detail { get; } = detail;
    public JsonNode? Problem { get; } = problem;

    /// <summary>The fields the problem names (<c>errors[].field</c>).</summary>
    public IReadOnlyList<string> Fields => Problem?["errors"] is JsonArray errors
        ? errors.Select(e => e?["field"]?.GetValue<string>()).OfType<string>().ToList()
        : [];
}
