using System.Globalization;
using System.Text;

namespace KcmCompose.Compose;

/// <summary>
/// Writes a <see cref="ComposeDocument"/> as YAML that Compose v1 (YAML 1.1) and v2 (YAML 1.2) both read back
/// to the same values: deterministic, LF line ends, two-space indent, keys in model order, no <c>version:</c>.
/// </summary>
/// <remarks>
/// Strings are written plain only when no reader could take them for anything else; otherwise in double quotes
/// (single quotes when the text holds <c>"</c> or <c>\</c>), and multi-line text as a literal block. Scalar
/// text is written as it is: <c>$</c> is not escaped (see <see cref="ComposeText.Escape"/>).
/// </remarks>
public static class ComposeEmitter
{
    /// <summary>The YAML text of <paramref name="document"/>.</summary>
    public static string Emit(ComposeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var builder = new StringBuilder(4096);
        var root = document.Root.Remove("version");
        if (root.Entries.IsEmpty)
        {
            return "{}\n";
        }

        new Writer(builder).MappingBody(root, 0, firstInline: false);
        return builder.ToString();
    }

    /// <summary>
    /// The text of <paramref name="scalar"/> as a value whose key or dash is at column <paramref name="parentIndent"/>
    /// (0-based), with the same quoting as <see cref="Emit"/>, ending in a line break (a literal block spans lines).
    /// </summary>
    internal static string FormatValue(ComposeScalar scalar, int parentIndent)
    {
        var builder = new StringBuilder();
        new Writer(builder).Scalar(scalar, parentIndent);
        return builder.ToString();
    }

    /// <summary>The YAML text of a sequence at column 0 (one <c>- </c> item after another), quoted as <see cref="Emit"/> quotes; empty for no items.</summary>
    internal static string EmitSequence(ComposeSequence sequence)
    {
        var builder = new StringBuilder();
        if (!sequence.Items.IsEmpty)
        {
            new Writer(builder).SequenceBody(sequence, 0, firstInline: false);
        }

        return builder.ToString();
    }

    /// <summary>The one-line text of <paramref name="scalar"/>, as <see cref="Emit"/> writes a key.</summary>
    internal static string FormatInline(ComposeScalar scalar)
    {
        var builder = new StringBuilder();
        new Writer(builder).InlineScalar(scalar);
        return builder.ToString();
    }

    private const int _maxImplicitKeyLength = 1000;

    private readonly struct Writer(StringBuilder output)
    {
        public void MappingBody(ComposeMapping mapping, int indent, bool firstInline)
        {
            for (var i = 0; i < mapping.Entries.Length; i++)
            {
                var entry = mapping.Entries[i];
                if (i > 0 || !firstInline)
                {
                    output.Append(' ', indent);
                }

                var keyStart = output.Length;
                InlineScalar(entry.Key);
                if (output.Length - keyStart > _maxImplicitKeyLength)
                {
                    // Readers accept at most 1024 characters in an implicit key; longer ones need '? key' form.
                    output.Insert(keyStart, "? ").Append('\n').Append(' ', indent);
                }

                output.Append(':');
                ValueAfterKey(entry.Value, indent);
            }
        }

        private void ValueAfterKey(ComposeNode value, int keyIndent)
        {
            switch (value)
            {
                case ComposeScalar { Type: ScalarType.Null }:
                    output.Append('\n');
                    break;
                case ComposeScalar scalar:
                    output.Append(' ');
                    Scalar(scalar, keyIndent);
                    break;
                case ComposeMapping { Entries.IsEmpty: true }:
                    output.Append(" {}\n");
                    break;
                case ComposeMapping mapping:
                    output.Append('\n');
                    MappingBody(mapping, keyIndent + 2, firstInline: false);
                    break;
                case ComposeSequence { Items.IsEmpty: true }:
                    output.Append(" []\n");
                    break;
                case ComposeSequence sequence:
                    output.Append('\n');
                    SequenceBody(sequence, keyIndent + 2, firstInline: false);
                    break;
            }
        }

        public void SequenceBody(ComposeSequence sequence, int indent, bool firstInline)
        {
            for (var i = 0; i < sequence.Items.Length; i++)
            {
                if (i > 0 || !firstInline)
                {
                    output.Append(' ', indent);
                }

                output.Append("- ");
                switch (sequence.Items[i])
                {
                    case ComposeScalar scalar:
                        Scalar(scalar, indent);
                        break;
                    case ComposeMapping { Entries.IsEmpty: true }:
                        output.Append("{}\n");
                        break;
                    case ComposeMapping mapping:
                        MappingBody(mapping, indent + 2, firstInline: true);
                        break;
                    case ComposeSequence { Items.IsEmpty: true }:
                        output.Append("[]\n");
                        break;
                    case ComposeSequence inner:
                        SequenceBody(inner, indent + 2, firstInline: true);
                        break;
                }
            }
        }

        /// <summary>Writes a value scalar and its line end; <paramref name="parentIndent"/> is the key or dash column.</summary>
        public void Scalar(ComposeScalar scalar, int parentIndent)
        {
            if (scalar.Type == ScalarType.String && CanWriteLiteralBlock(scalar.Value))
            {
                LiteralBlock(scalar.Value, parentIndent + 2);
                return;
            }

            InlineScalar(scalar);
            output.Append('\n');
        }

        public void InlineScalar(ComposeScalar scalar)
        {
            var value = scalar.Value;
            switch (scalar.Type)
            {
                case ScalarType.Null:
                    output.Append("null");
                    return;
                case ScalarType.Integer or ScalarType.Float or ScalarType.Boolean
                    when YamlScalars.ResolvePlain(value) == scalar.Type:
                    output.Append(value);
                    return;
            }

            if (YamlScalars.IsSafePlainString(value))
            {
                output.Append(value);
            }
            else if (!NeedsDoubleQuotes(value) && (value.Contains('"', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal)))
            {
                output.Append('\'').Append(value.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
            }
            else
            {
                DoubleQuoted(value);
            }
        }

        private static bool NeedsDoubleQuotes(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] is '\t' or '\n' || YamlScalars.NeedsEscape(value[i], value, i))
                {
                    return true;
                }
            }

            return false;
        }

        private void DoubleQuoted(string value)
        {
            output.Append('"');
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '"': output.Append("\\\""); break;
                    case '\\': output.Append("\\\\"); break;
                    case '\0': output.Append("\\0"); break;
                    case '\a': output.Append("\\a"); break;
                    case '\b': output.Append("\\b"); break;
                    case '\t': output.Append("\\t"); break;
                    case '\n': output.Append("\\n"); break;
                    case '\v': output.Append("\\v"); break;
                    case '\f': output.Append("\\f"); break;
                    case '\r': output.Append("\\r"); break;
                    case '\u001B': output.Append("\\e"); break;
                    case '\u0085': output.Append("\\N"); break;
                    case '\u2028': output.Append("\\L"); break;
                    case '\u2029': output.Append("\\P"); break;
                    default:
                        if (YamlScalars.NeedsEscape(c, value, i))
                        {
                            output.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            output.Append(c);
                        }

                        break;
                }
            }

            output.Append('"');
        }

        /// <summary>
        /// Whether a literal block reproduces <paramref name="value"/> exactly in every reader: it has a line break
        /// and some text, and no tab, carriage return, control character or space before a line break.
        /// </summary>
        private static bool CanWriteLiteralBlock(string value)
        {
            if (!value.Contains('\n', StringComparison.Ordinal) || value.AsSpan().TrimEnd('\n').IsEmpty)
            {
                return false;
            }

            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if ((c is not (' ' or '\n') && char.IsWhiteSpace(c)) || YamlScalars.NeedsEscape(c, value, i))
                {
                    return false;
                }

                if (c == ' ' && (i + 1 == value.Length || value[i + 1] == '\n'))
                {
                    return false;
                }
            }

            return true;
        }

        private void LiteralBlock(string value, int contentIndent)
        {
            var body = value.AsSpan().TrimEnd('\n');
            var trailingBreaks = value.Length - body.Length;
            output.Append('|');

            // The indentation indicator is needed when the first text line starts with a space; it is relative to
            // the parent's indentation, which is always two less than the content's here.
            var firstText = body.TrimStart('\n');
            if (firstText.Length > 0 && firstText[0] == ' ')
            {
                output.Append('2');
            }

            output.Append(trailingBreaks switch { 0 => "-", 1 => string.Empty, _ => "+" });
            output.Append('\n');
            foreach (var line in body.EnumerateLines())
            {
                if (!line.IsEmpty)
                {
                    output.Append(' ', contentIndent).Append(line);
                }

                output.Append('\n');
            }

            for (var i = 1; i < trailingBreaks; i++)
            {
                output.Append('\n');
            }
        }
    }
}
