using System.Globalization;
using System.Text.Json;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Rollouts;

/// <summary>
/// How many failures a rollout tolerates before it stops: a count (<c>3</c> or <c>"3"</c>) or a whole percentage of
/// the selected nodes (<c>"10%"</c>). Exceeded when failures go ABOVE the allowance: a budget of 2 lets 2 fail and
/// stops on the 3rd. A percentage rounds DOWN, with no minimum (unlike wave sizes): 10% of 5 nodes allows 0, so the
/// first failure stops the rollout. Absent means <see cref="None"/>: no failure is tolerated.
/// </summary>
public sealed record ErrorBudget
{
    private ErrorBudget(int value, bool isPercent) => (Value, IsPercent) = (value, isPercent);

    public int Value { get; }
    public bool IsPercent { get; }

    /// <summary>The default: a rollout changes nodes, so the first unexplained failure stops it for a person to look.</summary>
    public static ErrorBudget None { get; } = new(0, false);

    public static ErrorBudget Count(int failures) =>
        failures >= 0 ? new(failures, false) : throw new ArgumentOutOfRangeException(nameof(failures), failures, "0 or more");

    public static ErrorBudget Percent(int percent) =>
        percent is >= 0 and <= 100 ? new(percent, true) : throw new ArgumentOutOfRangeException(nameof(percent), percent, "0-100");

    /// <summary>Failures tolerated among <paramref name="selectedNodes"/>: the count, or floor(percent × selected / 100).</summary>
    public int Allowed(int selectedNodes) => IsPercent ? (int)((long)Value * Math.Max(0, selectedNodes) / 100) : Value;

    public bool IsExceeded(int failures, int selectedNodes) => failures > Allowed(selectedNodes);

    /// <summary>Absent (or JSON null) gives <see cref="None"/>; an invalid spec throws <see cref="RequestValidationException"/>.</summary>
    public static ErrorBudget Parse(JsonElement? spec, string field) =>
        TryParse(spec, field, out var budget, out var error) ? budget : throw new RequestValidationException([error!]);

    public static bool TryParse(JsonElement? spec, string field, out ErrorBudget budget, out ValidationError? error)
    {
        budget = None;
        error = null;
        if (spec is not { } e || e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return true;
        string? problem;
        if (e.ValueKind == JsonValueKind.Number)
            problem = e.TryGetInt32(out var n) && n >= 0 ? Set(Count(n), out budget) : $"{Echo.Cut(e.GetRawText())} is not a number of failures (0 or more)";
        else if (e.ValueKind == JsonValueKind.String)
            problem = ParseText(e.GetString()!, out budget);
        else
            problem = "must be a number of failures (\"3\") or a percentage of the selected nodes (\"10%\")";
        if (problem is null) return true;
        error = new ValidationError(field, problem);
        return false;
    }

    private static string? ParseText(string text, out ErrorBudget budget)
    {
        budget = None;
        var percent = text.EndsWith('%');
        if (!int.TryParse(percent ? text.AsSpan(0, text.Length - 1) : text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return $"{Echo.Quote(text)} is neither a number of failures (\"3\") nor a whole percentage (\"10%\")";
        if (!percent) return Set(Count(n), out budget);
        return n <= 100 ? Set(Percent(n), out budget) : $"{Echo.Quote(text)} is out of range 0%-100%";
    }

    private static string? Set(ErrorBudget value, out ErrorBudget budget)
    {
        budget = value;
        return null;
    }

    public override string ToString() => IsPercent ? $"{Value}%" : Value.ToString(CultureInfo.InvariantCulture);
}
