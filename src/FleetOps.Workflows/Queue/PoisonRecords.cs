using System.Text;
using System.Text.Json;
using FleetOps.Core;
using FleetOps.Core.Contracts;

namespace FleetOps.Workflows.Queue;

/// <summary>
/// Shapes a poison record to fit one queue message. A queue message holds 64 KiB of text, and the poison queue's
/// bodies are base64 (4 characters per 3 bytes), so a record's JSON may be at most 48 KiB; we keep a margin.
/// </summary>
public static class PoisonRecords
{
    public const int MaxRecordBytes = 45_000;
    public const int MaxReasonChars = 1_000;
    public const int MaxErrors = ValidationErrors.MaxReported;
    public const int MaxErrorChars = 300;

    public static PoisonMessage Full(QueueDelivery delivery, Exception reason, DateTimeOffset now) =>
        new(reason.Message, (reason as RequestValidationException)?.Errors, delivery.QueueName, delivery.MessageId,
            delivery.DequeueCount, now, delivery.Body);

    public static int Size(PoisonMessage record) => JsonSerializer.SerializeToUtf8Bytes(record, FleetOpsJson.Options).Length;

    public static bool Fits(PoisonMessage record) => Size(record) <= MaxRecordBytes;

    /// <summary>
    /// The record cut to fit: reason and errors shortened, the original message kept if it still fits, else left to the
    /// details blob (<paramref name="details"/>) or, when there is none, cut short too. Always fits.
    /// </summary>
    public static PoisonMessage Compact(PoisonMessage full, string? details)
    {
        var errors = full.Errors?.Take(MaxErrors).Select(e => new ValidationError(Cut(e.Field, MaxErrorChars), Cut(e.Message, MaxErrorChars))).ToList();
        var compact = full with
        {
            Reason = Cut(full.Reason, MaxReasonChars),
            Errors = errors,
            ErrorsTotal = full.Errors?.Count,
            Details = details,
            Truncated = true,
        };
        if (Fits(compact)) return compact;
        if (details is not null) compact = compact with { Message = null };
        else
        {
            // No blob to point to: keep as much of the original as fits, so an operator sees what it was.
            var message = full.Message ?? "";
            compact = compact with { Message = Cut(message, LargestFitting(compact, message)) };
        }
        return Fits(compact) ? compact : compact with { Errors = errors?.Take(1).ToList(), Reason = Cut(full.Reason, 200), Message = details is null ? "" : null };
    }

    private static int LargestFitting(PoisonMessage compact, string message)
    {
        int lo = 0, hi = message.Length;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (Fits(compact with { Message = Cut(message, mid) })) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = max;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return new StringBuilder(text, 0, end, end + 16).Append("…[cut]").ToString();
    }
}
