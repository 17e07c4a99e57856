namespace KcmCompose.Validation.Rules;

/// <summary>Did-you-mean suggestions by optimal string alignment distance (Levenshtein plus transpositions).</summary>
internal static class EditDistance
{
    public static int Between(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return Math.Max(a.Length, b.Length);
        }

        // Three rows on the stack (both strings are at most 64 long): called once per variable of a proxy's
        // environment, a matrix per call was most of what validate allocated on a 100,000-entry file.
        Span<int> rows = stackalloc int[3 * (b.Length + 1)];
        var before = rows[..(b.Length + 1)];
        var previous = rows.Slice(b.Length + 1, b.Length + 1);
        var current = rows[(2 * (b.Length + 1))..];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], before[j - 2] + 1);
                }
            }

            var recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }

    /// <summary>The closest candidate, or <see langword="null"/> when none is close enough to be a likely typo.</summary>
    public static string? Suggest(string typed, IEnumerable<string> candidates)
    {
        var lower = typed.ToLowerInvariant().Replace('-', '_');
        var limit = typed.Length <= 3 ? 1 : typed.Length <= 6 ? 2 : 3;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // The distance is at least the difference in length: such a candidate can be neither within the limit nor best within it.
            if (Math.Abs(candidate.Length - lower.Length) > limit)
            {
                continue;
            }

            var distance = Between(lower, candidate);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= limit ? best : null;
    }
}
