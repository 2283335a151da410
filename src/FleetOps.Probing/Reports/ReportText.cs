using System.Globalization;
using System.Text.Json;
using FleetOps.Core.Results;

namespace FleetOps.Probing.Reports;

/// <summary>How reports name and format things, the same way in Markdown and HTML.</summary>
internal static class ReportText
{
    public const string NoGroup = "(none)";
    public const string OkState = "ok";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The grid groups targets by their "group" label; unlabelled ones share one group.</summary>
    public static string Group(TargetResult result) =>
        result.Labels?.TryGetValue("group", out var group) == true && !string.IsNullOrWhiteSpace(group) ? group : NoGroup;

    /// <summary>The check a report blames: the first failing one (null when a failed target has no failing check).</summary>
    public static CheckResult? FailingCheck(TargetResult result) => result.Checks.FirstOrDefault(c => !c.Ok);

    /// <summary>Kinds as the API spells them ("http-status"), so a report and a JSON answer read alike.</summary>
    public static string Kind(ErrorKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static ErrorKind KindOf(TargetResult result) => FailingCheck(result)?.Error?.Kind ?? ErrorKind.Other;

    public static string MessageOf(TargetResult result) => FailingCheck(result)?.Error?.Message ?? "failed";

    /// <summary>"ok", or "timeout: connect timed out": a target's state in one line, for diffs and tooltips.</summary>
    public static string State(TargetResult result) =>
        result.Ok ? OkState : $"{Kind(KindOf(result))}: {MessageOf(result)}";

    public static string Ms(double ms) => ms >= 100 ? ms.ToString("#,0", Invariant) : ms.ToString("0.##", Invariant);

    /// <summary>A machine-readable number, for sorting (data-v) and nothing else.</summary>
    public static string Raw(double value) => value.ToString("R", Invariant);

    public static string Count(long count) => count.ToString("#,0", Invariant);

    public static string Percent(long part, long whole) =>
        whole == 0 ? "0 %" : (100.0 * part / whole).ToString(part == whole || part == 0 ? "0" : "0.#", Invariant) + " %";

    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);

    public static string Duration(TimeSpan span) => span switch
    {
        { TotalHours: >= 1 } => $"{(int)span.TotalHours} h {span.Minutes} min",
        { TotalMinutes: >= 1 } => $"{span.Minutes} min {span.Seconds} s",
        _ => span.TotalSeconds.ToString("0.#", Invariant) + " s",
    };

    /// <summary>"+120 ms (×2.5)": how much slower a regression is.</summary>
    public static string Change(double before, double after) =>
        $"+{Ms(after - before)} ms (×{(before > 0 ? (after / before).ToString("0.0", Invariant) : "∞")})";

    /// <summary>" of 5,000 planned" when a running (or cut short) sweep has results for fewer targets than it planned.</summary>
    public static string Planned(ReportHeader header, int targets) =>
        header.Summary.Targets > targets ? $" of {Count(header.Summary.Targets)} planned" : "";

    /// <summary>"Created 2025-… · finished … (3 min 4 s)" — the run's times in one line.</summary>
    public static string Times(ReportHeader header) =>
        header.FinishedAt is { } finished
            ? $"{When(header.CreatedAt)} → {When(finished)} ({Duration(finished - header.CreatedAt)})"
            : $"{When(header.CreatedAt)} → not finished";
}
