namespace FleetOps.Core.Rollouts.Analysis;

/// <summary>
/// The cheap structural check of a PromQL query before any Prometheus sees it: brackets balance and nest, strings
/// close. Prometheus judges the rest (a query it refuses is an inconclusive measurement, classified permanent).
/// </summary>
public static class PromQlShape
{
    public static string? Problem(string query)
    {
        var open = new Stack<(char Bracket, int At)>();
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (c is '"' or '\'' or '`')
            {
                var end = CloseOf(query, i);
                if (end < 0) return $"the string opened with {c} at position {i + 1} is not closed";
                i = end;
                continue;
            }
            if (c == '#') return $"'#' at position {i + 1} starts a comment: leave comments out";
            if (c is '(' or '{' or '[') open.Push((c, i));
            else if (c is ')' or '}' or ']')
            {
                var expected = c switch { ')' => '(', '}' => '{', _ => '[' };
                if (open.Count == 0 || open.Peek().Bracket != expected) return $"'{c}' at position {i + 1} closes nothing that is open";
                open.Pop();
            }
        }
        return open.Count == 0 ? null : $"'{open.Peek().Bracket}' at position {open.Peek().At + 1} is not closed";
    }

    /// <summary>The index of the quote closing the string opened at <paramref name="start"/>, or -1. Backticks take no escapes.</summary>
    private static int CloseOf(string query, int start)
    {
        var quote = query[start];
        for (var i = start + 1; i < query.Length; i++)
        {
            if (query[i] == '\\' && quote != '`') { i++; continue; }
            if (query[i] == quote) return i;
        }
        return -1;
    }
}
