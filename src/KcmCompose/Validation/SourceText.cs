using KcmCompose.Compose;

namespace KcmCompose.Validation;

/// <summary>The text of the validated file with a line index, to point inside multi-line scalars.</summary>
internal sealed class SourceText
{
    private readonly string _text;
    private readonly List<int> _lineStarts = [0];

    public SourceText(string text)
    {
        _text = text;
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
    public SourceLocation? Locate(ComposeScalar scalar, int offset, int length)
    {
        if (scalar.Location is not { } start || start.Line < 1 || start.Line > _lineStarts.Count || length <= 0
            || offset < 0 || offset + length > scalar.Value.Length)
        {
            return scalar.Location;
        }

        var occurrence = 0;
        for (var i = 0; i < offset; i++)
        {
            if (string.CompareOrdinal(scalar.Value, i, scalar.Value, offset, length) == 0)
            {
                occurrence++;
            }
        }

        var position = _lineStarts[start.Line - 1] + start.Column - 1;
        var limit = Math.Min(_text.Length, position + (scalar.Value.Length * 2) + 256);
        for (var seen = 0; position < limit; position++)
        {
            if (string.CompareOrdinal(_text, position, scalar.Value, offset, length) == 0)
            {
                if (seen == occurrence)
                {
                    return At(start.File, position);
                }

                seen++;
            }
        }

        return scalar.Location;
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
}
