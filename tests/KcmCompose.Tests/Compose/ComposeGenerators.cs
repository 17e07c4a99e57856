using System.Collections.Immutable;
using System.Globalization;
using CsCheck;
using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

/// <summary>CsCheck generators for compose documents whose strings are built from the fragments readers trip on.</summary>
internal static class ComposeGenerators
{
    /// <summary>Fragments that some YAML 1.1 or 1.2 reader, or Compose interpolation, treats specially.</summary>
    public static readonly string[] HostileFragments =
    [
        "$", "$$", "${X}", "${X:-d}", "\"", "'", "\n", "\n\n", " ", "  ", "\t", "on", "Off", "Y", "n", "yes", "NO",
        "null", "~", "true", "False", "80:80", "22:22", "0o17", "0x1F", "017", "1e3", "1.5", ".inf", ".NaN", "-", "- ",
        "? ", "?", ":", ": ", " #", "#", "&a", "*a", "!tag", "%", "@", "`", "|", ">", "[", "]", "{", "}", ",", "\\",
        "é", "🙂", "שלום", "مرحبا", "\u200F", "\r", "\u0085", "\u2028", "\u0001", "\u007F", "\u00A0", "\uFEFF",
        "2001-12-14", "---", "...", "<<", "=", "a", "b", "key", "x y", "nginx:1.25", "/etc/ssl/ca.pem",
    ];

    private static readonly Gen<char> _safeChar =
        Gen.Char['\u0001', '\uD7FF'];

    public static readonly Gen<string> HostileString = Gen.OneOf(
        Gen.OneOf(HostileFragments),
        Gen.OneOf(Gen.OneOf(HostileFragments), _safeChar.Select(c => c.ToString())).Array[0, 6].Select(string.Concat),
        Gen.String[_safeChar, 0, 12]);

    private static readonly Gen<ComposeScalar> _integerScalar = Gen.OneOf(
        Gen.Long.Select(v => v.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf("0o17", "0x1F", "+3", "007")).Select(v => new ComposeScalar(v, ScalarType.Integer));

    private static readonly Gen<ComposeScalar> _floatScalar = Gen.OneOf(
        Gen.Double.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).Where(v => YamlScalars.ResolvePlain(v) == ScalarType.Float),
        Gen.OneOf("1.5", "-0.25", "1e3", ".inf", "-.Inf", ".NaN", "3.", ".5")).Select(v => new ComposeScalar(v, ScalarType.Float));

    public static readonly Gen<ComposeScalar> Scalar = Gen.Frequency(
        (8, HostileString.Select(v => new ComposeScalar(v))),
        (1, _integerScalar),
        (1, _floatScalar),
        (1, Gen.OneOf("true", "false", "True", "FALSE").Select(v => new ComposeScalar(v, ScalarType.Boolean))),
        (1, Gen.Const(ComposeScalar.Null)));

    private static readonly Gen<ComposeScalar> _key = Gen.Frequency(
        (6, HostileString.Select(v => new ComposeScalar(v))),
        (1, _integerScalar));

    public static Gen<ComposeMapping> Mapping(Gen<ComposeNode> values) =>
        Gen.Select(_key, values).Array[0, 5].Select(pairs =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var entries = ImmutableArray.CreateBuilder<ComposeEntry>();
            foreach (var (key, value) in pairs)
            {
                if (seen.Add(key.Value))
                {
                    entries.Add(new ComposeEntry(key, value));
                }
            }

            return new ComposeMapping(entries.ToImmutable());
        });

    public static readonly Gen<ComposeNode> Node = Gen.Recursive<ComposeNode>((depth, self) => depth >= 4
        ? Scalar.Select(s => (ComposeNode)s)
        : Gen.Frequency(
            (4, Scalar.Select(s => (ComposeNode)s)),
            (1, self.Array[0, 4].Select(items => (ComposeNode)new ComposeSequence([.. items]))),
            (1, Mapping(self).Select(m => (ComposeNode)m))));

    public static readonly Gen<ComposeDocument> Document =
        Mapping(Node).Select(m => new ComposeDocument(m.Remove("version")));
}
