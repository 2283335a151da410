using System.Globalization;
using System.Text.Json;
using FleetOps.Core.Results;

namespace FleetOps.Probing.Prometheus;

/// <summary>What an instant query returned: its sample values, or why there are none (classified transient or permanent).</summary>
public sealed record QueryAnswer(IReadOnlyList<double> Samples, ProbeError? Error = null)
{
    public static QueryAnswer Failed(ErrorKind kind, string message, bool transient) => new([], new ProbeError(kind, message) { Transient = transient });
}

/// <summary>
/// Reads the body of <c>GET /api/v1/query</c>: <c>{"status":"success","data":{"resultType":"vector","result":[{"metric":{…},
/// "value":[t,"0.5"]}]}}</c>, or a scalar <c>"result":[t,"0.5"]</c>. Values are strings ("NaN", "+Inf" included).
/// An error answer, a matrix or string result, or a body that does not read is an error. Pure.
/// </summary>
public static class PrometheusAnswer
{
    /// <summary>Samples read at most: a query meant for a gate returns a handful; more is a query that forgot to aggregate.</summary>
    public const int MaxSamples = 10_000;

    public static QueryAnswer Parse(ReadOnlySpan<byte> body, string context)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (Text(root, "status") != "success")
                return QueryAnswer.Failed(ErrorKind.Other, $"{context}: Prometheus answered {Text(root, "errorType") ?? "an error"}: {Text(root, "error") ?? "no detail"}", transient: false);
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("result", out var result))
                return Malformed(context, "no data.result");
            return Text(data, "resultType") switch
            {
                "vector" when result.ValueKind == JsonValueKind.Array => Vector(result, context),
                "scalar" => Value(result) is { } v ? new QueryAnswer([v]) : Malformed(context, "a scalar without a value"),
                var type => QueryAnswer.Failed(ErrorKind.Other, $"{context}: the result is a {type ?? "missing type"}: a gate needs an instant vector or a scalar", transient: false),
            };
        }
        catch (JsonException e)
        {
            return Malformed(context, e.Message);
        }
    }

    private static QueryAnswer Vector(JsonElement result, string context)
    {
        if (result.GetArrayLength() > MaxSamples)
            return QueryAnswer.Failed(ErrorKind.Other, $"{context}: {result.GetArrayLength()} samples, more than {MaxSamples}: aggregate the query (sum, max)", transient: false);
        var samples = new List<double>(result.GetArrayLength());
        foreach (var sample in result.EnumerateArray())
        {
            if (sample.ValueKind != JsonValueKind.Object || !sample.TryGetProperty("value", out var value) || Value(value) is not { } v)
                return Malformed(context, "a sample without a value");
            samples.Add(v);
        }
        return new QueryAnswer(samples);
    }

    /// <summary>A <c>[timestamp, "value"]</c> pair's value; Prometheus spells NaN and the infinities as Go does.</summary>
    private static double? Value(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[1].ValueKind != JsonValueKind.String) return null;
        return pair[1].GetString() switch
        {
            "NaN" => double.NaN,
            "+Inf" or "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static QueryAnswer Malformed(string context, string why) =>
        QueryAnswer.Failed(ErrorKind.Other, $"{context}: the answer is not a Prometheus query result ({why})", transient: true);
}
