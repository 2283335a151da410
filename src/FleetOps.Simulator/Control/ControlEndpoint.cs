using System.Globalization;
using System.Text;
using System.Text.Json;
using FleetOps.Simulator.Metrics;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Simulator.Control;

/// <summary>
/// The control port of a fleet (<see cref="FleetSpec.ControlPort"/>): what a test in another process needs of a
/// <c>fleetops-sim</c>. Loopback only, like every port of the fleet. Bad input gets a problem+json naming the field.
/// <code>
/// GET /targets                                  the targets JSON (as --targets-out writes it)
/// GET /targets/grpc                             the same with gRPC addresses (as --grpc-targets-out)
/// GET /metrics                                  every node's http_requests_total
/// PUT /nodes/{name}/fault/{fault}               none, down, slow, hang, wrong-status, blackhole
/// PUT /nodes/{name}/grpc-fault/{fault}          serving, not-serving, service-unknown, down, hang
/// PUT /nodes/{name}/error-rate?errorsPerSecond=5&amp;okPerSecond=95
/// </code>
/// </summary>
internal sealed class ControlEndpoint(SimulatedFleet fleet)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = request.Path.Value!.Trim('/').Split('/');
        try
        {
            switch (request.Method, segments)
            {
                case ("GET", ["targets"]):
                    await WriteAsync(context, 200, "application/json", fleet.ToTargetsJson()).ConfigureAwait(false);
                    break;
                case ("GET", ["targets", "grpc"]):
                    await WriteAsync(context, 200, "application/json", fleet.ToGrpcTargetsJson()).ConfigureAwait(false);
                    break;
                case ("GET", ["metrics"]):
                    await WriteAsync(context, 200, PrometheusText.ContentType, fleet.MetricsText()).ConfigureAwait(false);
                    break;
                case ("PUT", ["nodes", var name, "fault", var value]):
                    fleet.SetFault(Uri.UnescapeDataString(name), FaultNames.Parse<NodeFault>("fault", value));
                    context.Response.StatusCode = 204;
                    break;
                case ("PUT", ["nodes", var name, "grpc-fault", var value]):
                    fleet.SetGrpcFault(Uri.UnescapeDataString(name), FaultNames.Parse<GrpcFault>("grpcFault", value));
                    context.Response.StatusCode = 204;
                    break;
                case ("PUT", ["nodes", var name, "error-rate"]):
                    fleet.SetErrorRate(Uri.UnescapeDataString(name), Rate(request, "errorsPerSecond"), Rate(request, "okPerSecond"));
                    context.Response.StatusCode = 204;
                    break;
                default:
                    await ProblemAsync(context, 404, "path", $"No control route {request.Method} {request.Path}.").ConfigureAwait(false);
                    break;
            }
        }
        catch (ControlInputException e)
        {
            await ProblemAsync(context, 400, e.Field, e.Message).ConfigureAwait(false);
        }
        catch (KeyNotFoundException e)
        {
            await ProblemAsync(context, 404, "name", e.Message).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await ProblemAsync(context, 400, e.ParamName is "errorsPerSecond" or "okPerSecond" ? e.ParamName : "fault", e.Message).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            await ProblemAsync(context, 409, "path", e.Message).ConfigureAwait(false);
        }
    }

    private static double Rate(HttpRequest request, string field)
    {
        var text = request.Query[field].ToString();
        if (text.Length == 0) return 0;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
            ? rate
            : throw new ControlInputException(field, $"{field} must be a number of requests a second, not '{text}'.");
    }

    private static Task ProblemAsync(HttpContext context, int status, string field, string detail) =>
        WriteAsync(context, status, "application/problem+json", JsonSerializer.Serialize(new
        {
            type = "about:blank",
            title = status switch { 404 => "Not found", 409 => "Conflict", _ => "Bad request" },
            status,
            detail,
            errors = new[] { new { field, message = detail } },
        }));

    private static Task WriteAsync(HttpContext context, int status, string contentType, string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }
}
