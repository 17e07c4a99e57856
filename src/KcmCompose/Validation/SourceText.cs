using System.Runtime.CompilerServices;
using KcmCompose.Compose;

namespace KcmCompose.Validation;

/// <summary>The text of the validated file with a line index, to point inside multi-line scalars.</summary>
internal sealed class SourceText
{
    /// <summary>Scan work (character comparisons, roughly) allowed per character of the file, on top of a fixed million.</summary>
    internal const int ScanBudgetPerCharacter = 64;

    private readonly string _text;
    private readonly List<int> _lineStarts = [0];

    // Per scalar, how its value sits in the text, or null when it is not verbatim (escapes, folding): built once, so a
    // 3 MB ADDITIONAL_NGINX_CONFIG with 100,000 placeholders is located in one pass instead of one scan per placeholder.
    private readonly ConditionalWeakTable<ComposeScalar, Layout?> _layouts = new();

    // Character comparisons the scan may still spend on scalars the layout cannot map (escapes, folding): linear in
    // the file, so a hostile escaped value full of placeholders gets approximate places for later ones instead of rescans.
    private long _scanBudget;

    public SourceText(string text)
    {
        _text = text;
        _scanBudget = ScanBudgetPerCharacter * (long)text.Length + 1_000_000;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>
    /// Finds the piece <c>value[offset..offset+length]</c> of <paramref name="scalar"/> in the source: the same
    /// occurrence (first, second...) of that text at or after the scalar's start. Falls back to the scalar's own
    /// location when escapes or folding make the source differ from the value.
    /// </summary>
    /// <remarks>
    /// When the value stands verbatim in the source, line by line after its indentation (plain and quoted scalars
    /// without escapes, literal blocks), and the piece neither starts with a space nor spans lines, the answer is the
    /// value offset mapped through that layout: the same place the scan finds, in logarithmic time. Other scalars are
    /// scanned within a budget linear in the file's size; past it, the answer is the scalar's start plus the offset,
    /// which is off by the escapes and folds before it.
    /// </remarks>
    public SourceLocation? Locate(ComposeScalar scalar, int offset, int length)
    {
        if (scalar.Location is not { } start || start.Line < 1 || start.Line > _lineStarts.Count || length <= 0
            || offset < 0 || offset + length > scalar.Value.Length)
        {
            return scalar.Location;
        }

        var position = _lineStarts[start.Line - 1] + start.Column - 1;
        var limit = Math.Min(_text.Length, position + (scalar.Value.Length * 2) + 256);
        if (Mapped(scalar, position, offset, length) is { } mapped)
        {
            return mapped < limit ? At(start.File, mapped) : scalar.Location;
        }

        var cost = (long)offset + (limit - position);
        if (cost > _scanBudget)
        {
            // Approximate, but distinct per offset: one place for all would merge the diagnostics as repeats.
            return At(start.File, Math.Clamp(position + offset, 0, Math.Max(0, _text.Length - 1)));
        }

        _scanBudget -= cost;
        return Scan(scalar, offset, length, start.File, position, limit);
    }

    /// <summary><see cref="Locate"/> by scanning only, whatever the layout; what the layout must agree with.</summary>
    internal SourceLocation? LocateByScan(ComposeScalar scalar, int offset, int length)
    {
        if (scalar.Location is not { } start || start.Line < 1 || start.Line > _lineStarts.Count || length <= 0
            || offset < 0 || offset + length > scalar.Value.Length)
        {
            return scalar.Location;
        }

        var position = _lineStarts[start.Line - 1] + start.Column - 1;
        return Scan(scalar, offset, length, start.File, position, Math.Min(_text.Length, position + (scalar.Value.Length * 2) + 256));
    }

    /// <summary>Counts the earlier occurrences of the piece in the value, then finds as many in the text from the scalar's start.</summary>
    private SourceLocation? Scan(ComposeScalar scalar, int offset, int length, string file, int position, int limit)
    {
        var occurrence = 0;
        for (var i = 0; i < offset; i++)
        {
            if (string.CompareOrdinal(scalar.Value, i, scalar.Value, offset, length) == 0)
            {
                occurrence++;
            }
        }

        for (var seen = 0; position < limit; position++)
        {
            if (string.CompareOrdinal(_text, position, scalar.Value, offset, length) == 0)
            {
                if (seen == occurrence)
                {
                    return At(file, position);
                }

                seen++;
            }
        }

        return scalar.Location;
    }

    /// <summary>The position <see cref="Scan"/> finds, computed from the layout; <see langword="null"/> when the layout does not decide it.</summary>
    private int? Mapped(ComposeScalar scalar, int position, int offset, int length)
    {
        var value = scalar.Value;
        var piece = value.AsSpan(offset, length);
        if (piece[0] == ' ' || piece.Contains('\n'))
        {
            return null;
        }

        if (!_layouts.TryGetValue(scalar, out var layout))
        {
            layout = Layout.Of(_text, _lineStarts, value, position);
            _layouts.AddOrUpdate(scalar, layout);
        }

        if (layout is null)
        {
            return null;
        }

        // A match starting before the content (after '|' or an opening quote) would be found first by the scan.
        var before = _text.AsSpan(position, Math.Min(_text.Length, layout.ContentStart + length - 1) - position);
        if (before.IndexOf(piece) is var early && early >= 0 && position + early < layout.ContentStart)
        {
            return null;
        }

        var line = Array.BinarySearch(layout.ValueLineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return layout.SourceLineStarts[line] + offset - layout.ValueLineStarts[line];
    }

    private SourceLocation At(string file, int position)
    {
        var line = _lineStarts.BinarySearch(position);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceLocation(file, line + 1, position - _lineStarts[line] + 1);
    }

    /// <summary>
    /// Where each line of a value starts in the value and in the text: a one-line value stands right at the scalar's
    /// start or after its quote; a multi-line value is a block whose lines follow the indicator line, each after
    /// spaces only (an empty line may be any run of spaces).
    /// </summary>
    private sealed class Layout
    {
        private Layout(int contentStart, int[] valueLineStarts, int[] sourceLineStarts)
        {
            ContentStart = contentStart;
            ValueLineStarts = valueLineStarts;
            SourceLineStarts = sourceLineStarts;
        }

        public int ContentStart { get; }

        public int[] ValueLineStarts { get; }

        public int[] SourceLineStarts { get; }

        public static Layout? Of(string text, List<int> lineStarts, string value, int position)
        {
            if (!value.Contains('\n', StringComparison.Ordinal))
            {
                foreach (var at in (ReadOnlySpan<int>)[position, position + 1])
                {
                    if (at + value.Length <= text.Length && string.CompareOrdinal(text, at, value, 0, value.Length) == 0)
                    {
                        return new Layout(at, [0], [at]);
                    }
                }

                return null;
            }

            var startLine = lineStarts.BinarySearch(position) is var l && l < 0 ? ~l - 1 : l;
            var valueStarts = new List<int>();
            var sourceStarts = new List<int>();
            var valueAt = 0;
            for (var sourceLine = startLine + 1; valueAt < value.Length; sourceLine++)
            {
                var end = value.IndexOf('\n', valueAt);
                var lineLength = (end < 0 ? value.Length : end) - valueAt;
                if (sourceLine >= lineStarts.Count)
                {
                    return null;
                }

                var source = lineStarts[sourceLine];
                var sourceEnd = sourceLine + 1 < lineStarts.Count ? lineStarts[sourceLine + 1] - 1 : text.Length;
                if (sourceEnd > source && text[sourceEnd - 1] == '\r')
                {
                    sourceEnd--;
                }

                var indent = sourceEnd - source - lineLength;
                if (indent < 0 || text.AsSpan(source, indent).ContainsAnyExcept(' ')
                    || string.CompareOrdinal(text, source + indent, value, valueAt, lineLength) != 0)
                {
                    return null;
                }

                valueStarts.Add(valueAt);
                sourceStarts.Add(source + indent);
                if (end < 0)
                {
                    break;
                }

                valueAt = end + 1;
            }

            return new Layout(lineStarts[startLine + 1], [.. valueStarts], [.. sourceStarts]);
        }
    }
}
