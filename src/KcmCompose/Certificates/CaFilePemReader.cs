using System.Collections.Immutable;
using System.Text;

namespace KcmCompose.Certificates;

/// <summary>What kind of PEM block a label names, as OpenSSL's <c>PEM_X509_INFO_read_bio</c> sorts them.</summary>
internal enum CaFilePemKind
{
    Certificate,
    TrustedCertificate,
    Crl,
    PrivateKey,
    Other,
}

/// <summary>One well-formed PEM block: its label, the line of its BEGIN line and the decoded bytes.</summary>
internal sealed record CaFilePemBlock(string Label, CaFilePemKind Kind, int Line, byte[] Der);

/// <summary>Why OpenSSL's PEM reader would stop on a file; <see cref="Line"/> is the line of the offending block.</summary>
internal sealed record CaFilePemError(int Line, string Message);

/// <summary>The blocks of a PEM file, or the first error OpenSSL's reader would stop on.</summary>
internal sealed record CaFilePemResult(ImmutableArray<CaFilePemBlock> Blocks, CaFilePemError? Error);

/// <summary>
/// A PEM reader that accepts and refuses what OpenSSL 3.0's <c>PEM_read_bio</c> does (measured with
/// <c>nginx -t</c>, see docs/certificate-checks.md): text outside blocks is skipped; the BEGIN line starts in
/// column 1; trailing blanks and CR are ignored; one blank line may follow BEGIN; a line with ':' right after
/// BEGIN starts headers (refused for certificates); blanks inside base64 lines are skipped; a blank line inside
/// the data, '=' before the end, a foreign character or a wrong or missing END line fail the whole file.
/// </summary>
internal static class CaFilePemReader
{
    private static ReadOnlySpan<byte> BeginPrefix => "-----BEGIN "u8;

    private static ReadOnlySpan<byte> EndPrefix => "-----END "u8;

    private static ReadOnlySpan<byte> Dashes => "-----"u8;

    public static CaFilePemResult Read(ReadOnlySpan<byte> content)
    {
        var blocks = ImmutableArray.CreateBuilder<CaFilePemBlock>();
        var lineNumber = 0;
        var position = 0;
        while (position < content.Length)
        {
            var line = NextLine(content, ref position);
            lineNumber++;
            if (!line.StartsWith(BeginPrefix))
            {
                continue;
            }

            var trimmed = TrimEnd(line);
            if (trimmed.Length <= BeginPrefix.Length + Dashes.Length || !trimmed.EndsWith(Dashes))
            {
                continue;
            }

            var label = Encoding.Latin1.GetString(trimmed[BeginPrefix.Length..^Dashes.Length]);
            var beginLine = lineNumber;
            var error = ReadBlock(content, ref position, ref lineNumber, label, beginLine, out var der);
            if (error is not null)
            {
                return new CaFilePemResult(blocks.ToImmutable(), error);
            }

            blocks.Add(new CaFilePemBlock(label, KindOf(label), beginLine, der!));
        }

        return new CaFilePemResult(blocks.ToImmutable(), null);
    }

    public static CaFilePemKind KindOf(string label) => label switch
    {
        "CERTIFICATE" or "X509 CERTIFICATE" => CaFilePemKind.Certificate,
        "TRUSTED CERTIFICATE" => CaFilePemKind.TrustedCertificate,
        "X509 CRL" => CaFilePemKind.Crl,
        _ when label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) => CaFilePemKind.PrivateKey,
        _ => CaFilePemKind.Other,
    };

    private static CaFilePemError? ReadBlock(
        ReadOnlySpan<byte> content, ref int position, ref int lineNumber, string label, int beginLine, out byte[]? der)
    {
        der = null;
        var base64 = new StringBuilder();
        var first = true;
        var inHeaders = false;
        var sawData = false;
        var expectedEnd = "-----END " + label + "-----";
        while (position < content.Length)
        {
            var line = TrimEnd(NextLine(content, ref position));
            lineNumber++;
            if (inHeaders)
            {
                if (line.IsEmpty)
                {
                    inHeaders = false;
                }

                continue;
            }

            if (line.StartsWith(EndPrefix))
            {
                if (Encoding.Latin1.GetString(line) != expectedEnd)
                {
                    return new CaFilePemError(lineNumber, $"the PEM block that begins on line {beginLine} ends with a wrong END line (expected '{expectedEnd}')");
                }

                return Decode(base64, label, beginLine, out der);
            }

            if (first && line.IndexOf((byte)':') >= 0)
            {
                if (KindOf(label) != CaFilePemKind.PrivateKey)
                {
                    return new CaFilePemError(lineNumber, $"the PEM block '{label}' on line {beginLine} has headers such as Proc-Type, which a certificate must not have");
                }

                inHeaders = true;
                first = false;
                continue;
            }

            if (line.IsEmpty)
            {
                if (first)
                {
                    first = false;
                    continue;
                }

                if (sawData)
                {
                    return new CaFilePemError(lineNumber, $"the PEM block that begins on line {beginLine} has a blank line inside its base64 data");
                }

                continue;
            }

            first = false;
            sawData = true;
            foreach (var b in line)
            {
                if (b is (byte)' ' or (byte)'\t')
                {
                    continue;
                }

                if (!IsBase64(b))
                {
                    return new CaFilePemError(lineNumber, $"the PEM block that begins on line {beginLine} has a character that is not base64 on line {lineNumber}");
                }

                base64.Append((char)b);
            }

            if (base64.Length > 0 && base64[^1] == '=' && position < content.Length)
            {
                // Padding ends the data: the next line must be the END line (checked on the next iteration).
                var peek = position;
                var next = TrimEnd(NextLine(content, ref peek));
                if (!next.StartsWith(EndPrefix))
                {
                    return new CaFilePemError(lineNumber + 1, $"the PEM block that begins on line {beginLine} has base64 padding '=' before the end of its data");
                }
            }
        }

        return new CaFilePemError(lineNumber, $"the PEM block '{label}' that begins on line {beginLine} is truncated: no END line");
    }

    private static CaFilePemError? Decode(StringBuilder base64, string label, int beginLine, out byte[]? der)
    {
        der = null;
        var text = base64.ToString();
        var padding = text.AsSpan().TrimEnd('=');
        if (padding.Contains('=') || text.Length % 4 != 0)
        {
            return new CaFilePemError(beginLine, $"the PEM block '{label}' on line {beginLine} is not valid base64 (bad padding or length)");
        }

        try
        {
            der = Convert.FromBase64String(text);
            return null;
        }
        catch (FormatException)
        {
            return new CaFilePemError(beginLine, $"the PEM block '{label}' on line {beginLine} is not valid base64");
        }
    }

    private static bool IsBase64(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'+' or (byte)'/' or (byte)'=';

    private static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> content, ref int position)
    {
        var rest = content[position..];
        var end = rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            position = content.Length;
            return rest;
        }

        position += end + 1;
        return rest[..end];
    }

    private static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> line) => line.TrimEnd(" \t\r\f\v"u8);
}
