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

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
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
