using System.Text;
using FleetOps.Core.Contracts;

namespace FleetOps.Api;

/// <summary>
/// The safety net under every problem body, whatever the validators echo: at most <see cref="MaxErrors"/> errors
/// (the rest counted in <c>moreErrors</c>), each field and message cut to a length, control characters and broken
/// surrogates replaced, the detail and instance cut too, so a body is under <see cref="MaxBodyBytes"/>.
/// </summary>
public static class ProblemCaps
{
    /// <summary>64 KiB: the documented upper bound of a problem body.</summary>
    public const int MaxBodyBytes = 64 * 1024;
    /// <summary>Every entry a validator reports (its last one counts the rest), so no count is lost here.</summary>
    public const int MaxErrors = ValidationErrors.MaxReported;
    public const int MaxFieldChars = 120;
    public const int MaxMessageChars = 300;
    public const int MaxDetailChars = 1000;
    public const int MaxInstanceChars = 200;
    public const int MaxTitleChars = 200;
    private const int DetailErrors = 3;

    // The worst case: 21 × (120 + 300) + 1000 + 200 + 200 + 100 (type, id) = 10,320 characters, each escaped as
    // \uXXXX (6 bytes), plus the JSON around them: under 63 KB.

    public static Problems.ProblemDetails Apply(Problems.ProblemDetails p)
    {
        IReadOnlyList<ValidationError>? errors = p.Errors;
        int? more = p.MoreErrors;
        if (errors is not null)
        {
            if (errors.Count > MaxErrors) more = (more ?? 0) + errors.Count - MaxErrors;
            errors = errors.Take(MaxErrors).Select(e => new ValidationError(Cut(e.Field, MaxFieldChars), Cut(e.Message, MaxMessageChars))).ToList();
        }
        return p with
        {
            Title = Cut(p.Title, MaxTitleChars),
            Detail = Cut(p.Detail, MaxDetailChars),
            Instance = p.Instance is null ? null : Cut(p.Instance, MaxInstanceChars),
            Errors = errors,
            MoreErrors = more,
        };
    }

    /// <summary>The detail of a validation problem: the first few errors, and how many more there are.</summary>
    public static string Summary(IReadOnlyList<ValidationError> errors)
    {
        var shown = errors.Take(DetailErrors).Select(e => $"{Cut(e.Field, MaxFieldChars)}: {Cut(e.Message, MaxMessageChars)}");
        // Cut before the count is added, so the count survives.
        var text = Cut(string.Join("; ", shown), MaxDetailChars - 50);
        return errors.Count > DetailErrors ? $"{text}; and {errors.Count - DetailErrors} more error(s)" : text;
    }

    /// <summary>At most <paramref name="max"/> characters; control characters and broken surrogates as '?'.</summary>
    public static string Cut(string text, int max)
    {
        var cut = text.Length > max;
        var length = cut ? max - 1 : text.Length;
        var sb = new StringBuilder(length + 1);
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1])) sb.Append(c).Append(text[++i]);
            else sb.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }
        if (cut) sb.Append('…');
        return sb.ToString();
    }
}
