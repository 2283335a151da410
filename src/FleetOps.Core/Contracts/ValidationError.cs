namespace FleetOps.Core.Contracts;

/// <summary>One thing wrong with a request: the JSON path of the field ("targets[3].address") and what is wrong.</summary>
public sealed record ValidationError(string Field, string Message);

/// <summary>A request that cannot be run as sent. Permanent: sending it again will not help.</summary>
public sealed class RequestValidationException(IReadOnlyList<ValidationError> errors)
    : Exception($"invalid request: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}")
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
