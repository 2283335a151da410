using System.Globalization;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Rollouts.Analysis;

/// <summary>
/// A query's condition: an operator (<c>&lt; &lt;= &gt; &gt;= == !=</c>) and a finite number, e.g. <c>"&lt; 0.5"</c>.
/// Each sample the query returns must meet it. A NaN or infinite sample meets nothing and is inconclusive, not a failure.
/// </summary>
public sealed record QueryCondition(string Operator, double Threshold)
{
    private static readonly string[] Operators = ["<=", ">=", "==", "!=", "<", ">"];

    /// <summary>The parsed condition, or null with the problem.</summary>
    public static QueryCondition? TryParse(string? text, out string? problem)
    {
        problem = null;
        var trimmed = text?.Trim() ?? "";
        var op = Operators.FirstOrDefault(o => trimmed.StartsWith(o, StringComparison.Ordinal));
        if (op is null)
        {
            problem = $"{Echo.Quote(text)} must start with one of {string.Join(" ", Operators)} and give a number, e.g. \"< 0.5\"";
            return null;
        }
        var number = trimmed[op.Length..].Trim();
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) || !double.IsFinite(threshold))
        {
            problem = $"{Echo.Quote(number)} after '{op}' is not a finite number";
            return null;
        }
        return new QueryCondition(op, threshold);
    }

    public static QueryCondition Parse(string text) =>
        TryParse(text, out var problem) ?? throw new FormatException(problem);

    public bool IsMetBy(double value) => Operator switch
    {
        "<" => value < Threshold,
        "<=" => value <= Threshold,
        ">" => value > Threshold,
        ">=" => value >= Threshold,
        "==" => value == Threshold,
        _ => value != Threshold,
    };

    /// <summary>Judges a query's samples: none or a non-finite one is inconclusive; any sample that misses the condition fails it.</summary>
    public (QueryVerdict Verdict, string Detail) Judge(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0) return (QueryVerdict.Inconclusive, "no data (empty result)");
        foreach (var value in samples)
            if (!double.IsFinite(value)) return (QueryVerdict.Inconclusive, $"the value is {Format(value)}");
        var missed = samples.Where(v => !IsMetBy(v)).ToList();
        return missed.Count == 0
            ? (QueryVerdict.Pass, $"{Format(samples[0])} {this}")
            : (QueryVerdict.Fail, $"{Format(missed[0])} is not {this}" + (samples.Count > 1 ? $" ({missed.Count} of {samples.Count} samples)" : ""));
    }

    public override string ToString() => $"{Operator} {Format(Threshold)}";

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
