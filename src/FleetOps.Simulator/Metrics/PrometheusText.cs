using System.Globalization;
using System.Text;

namespace FleetOps.Simulator.Metrics;

/// <summary>
/// Writes <c>http_requests_total{node,code}</c> in the Prometheus text exposition format (version 0.0.4), for one node
/// (its <c>/metrics</c>) or the whole fleet (the control port's).
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<(string Node, NodeTraffic Traffic)> nodes)
    {
        var text = new StringBuilder()
            .Append("# HELP http_requests_total Requests the simulated node answered, by status code, simulated traffic included.\n")
            .Append("# TYPE http_requests_total counter\n");
        foreach (var (node, traffic) in nodes)
        {
            var label = Escape(node);
            foreach (var (code, count) in traffic.Snapshot())
            {
                text.Append(CultureInfo.InvariantCulture, $"http_requests_total{{node=\"{label}\",code=\"{code}\"}} {count}\n");
            }
        }
        return text.ToString();
    }

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
