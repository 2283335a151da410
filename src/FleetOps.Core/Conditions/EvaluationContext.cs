using System.Text.Json;
using FleetOps.Core.Results;

namespace FleetOps.Core.Conditions;

/// <summary>
/// One <see cref="ConditionSet.Evaluate"/> call's view of the facts. Parses the body as JSON at most once, and only
/// when a condition reaches into it; the document is pooled memory, so the call disposes the context.
/// </summary>
internal sealed class EvaluationContext(ProbeFacts facts) : IDisposable
{
    private JsonDocument? _document;
    private bool _parsed;
    private string? _jsonProblem;

    public ProbeFacts Facts => facts;

    /// <summary>The body's JSON root, or why there is none ("(no body)", "(body is not JSON)").</summary>
    public bool TryGetJson(out JsonElement root, out string? problem)
    {
        if (!_parsed)
        {
            _parsed = true;
            if (facts.Body is null)
            {
                _jsonProblem = "(no body)";
            }
            else
            {
                try
                {
                    _document = JsonDocument.Parse(facts.Body);
                }
                catch (Exception e) when (e is JsonException or ArgumentException) // ArgumentException: broken UTF-16
                {
                    _jsonProblem = "(body is not JSON)";
                }
            }
        }

        problem = _jsonProblem;
        root = _document?.RootElement ?? default;
        return _document is not null;
    }

    public void Dispose() => _document?.Dispose();
}
