using System.Text;

namespace KcmCompose.Compose;

/// <summary>A small line diff (longest common subsequence) in unified format, for dry runs of compose edits.</summary>
internal static class UnifiedDiff
{
    private const int _context = 3;

    public static string Create(string before, string after, string file)
    {
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var a = SplitLines(before);
        var b = SplitLines(after);

        // Trim the common head and tail so the quadratic table covers only the changed middle.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }

        var n = a.Length - head - tail;
        var m = b.Length - head - tail;
        var lengths = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lengths[i, j] = a[head + i] == b[head + j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        // Every line tagged ' ', '-' or '+' with its old and new line numbers.
        var ops = new List<(char Op, string Line)>();
        for (var i = 0; i < head; i++)
        {
            ops.Add((' ', a[i]));
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[head + x] == b[head + y])
            {
                ops.Add((' ', a[head + x]));
                x++;
                y++;
            }
            else if (y < m && (x == n || lengths[x, y + 1] >= lengths[x + 1, y]))
            {
                ops.Add(('+', b[head + y]));
                y++;
            }
            else
            {
                ops.Add(('-', a[head + x]));
                x++;
            }
        }

        for (var i = a.Length - tail; i < a.Length; i++)
        {
            ops.Add((' ', a[i]));
        }

        var output = new StringBuilder();
        output.Append("--- a/").Append(file).Append('\n').Append("+++ b/").Append(file).Append('\n');
        var k = 0;
        while (k < ops.Count)
        {
            if (ops[k].Op == ' ')
            {
                k++;
                continue;
            }

            // A hunk: from context before the change to context after the last change within 2*context lines.
            var start = Math.Max(0, k - _context);
            var end = k;
            while (end < ops.Count)
            {
                if (ops[end].Op != ' ')
                {
                    end++;
                    continue;
                }

                var next = end;
                while (next < ops.Count && ops[next].Op == ' ')
                {
                    next++;
                }

                if (next == ops.Count || next - end > 2 * _context)
                {
                    break;
                }

                end = next;
            }

            var stop = Math.Min(ops.Count, end + _context);
            int oldStart = 1, newStart = 1;
            for (var i = 0; i < start; i++)
            {
                oldStart += ops[i].Op != '+' ? 1 : 0;
                newStart += ops[i].Op != '-' ? 1 : 0;
            }

            int oldCount = 0, newCount = 0;
            for (var i = start; i < stop; i++)
            {
                oldCount += ops[i].Op != '+' ? 1 : 0;
                newCount += ops[i].Op != '-' ? 1 : 0;
            }

            output.Append("@@ -").Append(oldCount == 0 ? oldStart - 1 : oldStart).Append(',').Append(oldCount)
                .Append(" +").Append(newCount == 0 ? newStart - 1 : newStart).Append(',').Append(newCount).Append(" @@\n");
            for (var i = start; i < stop; i++)
            {
                output.Append(ops[i].Op).Append(ops[i].Line).Append('\n');
            }

            k = stop;
        }

        return output.ToString();
    }

    private static string[] SplitLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }
}
