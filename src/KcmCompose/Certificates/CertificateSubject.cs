using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace KcmCompose.Certificates;

/// <summary>
/// A certificate subject made of the usual distinguished-name fields, each optional.
/// Text form is OpenSSL's: <c>/C=US/ST=State/L=City/O=Example/OU=Ops/CN=KCM Client CA/emailAddress=ops@example.com</c>.
/// </summary>
public sealed record CertificateSubject
{
    /// <summary>Two-letter country code (C).</summary>
    public string? Country { get; init; }

    /// <summary>State or province (ST).</summary>
    public string? State { get; init; }

    /// <summary>Locality or city (L).</summary>
    public string? Locality { get; init; }

    /// <summary>Organization (O).</summary>
    public string? Organization { get; init; }

    /// <summary>Organizational unit (OU).</summary>
    public string? OrganizationalUnit { get; init; }

    /// <summary>Common name (CN).</summary>
    public string? CommonName { get; init; }

    /// <summary>E-mail address (emailAddress).</summary>
    public string? EmailAddress { get; init; }

    /// <summary>True when no field is set.</summary>
    public bool IsEmpty =>
        Country is null && State is null && Locality is null && Organization is null
        && OrganizationalUnit is null && CommonName is null && EmailAddress is null;

    /// <summary>A subject holding only a common name.</summary>
    public static CertificateSubject FromCommonName(string commonName) => new() { CommonName = commonName };

    /// <summary>
    /// Parses OpenSSL's slash form (<c>/C=US/O=Example/CN=Name</c>); field names are matched case-insensitively,
    /// <c>\/</c> is a literal slash. Throws <see cref="FormatException"/> naming the bad part.
    /// </summary>
    public static CertificateSubject Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return new CertificateSubject();
        }

        if (trimmed[0] != '/')
        {
            throw new FormatException($"subject '{text}' must start with '/', as in /C=US/O=Example/CN=KCM Client CA");
        }

        var subject = new CertificateSubject();
        foreach (var part in SplitUnescaped(trimmed[1..]))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"subject part '{part}' is not NAME=value");
            }

            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (value.Length == 0)
            {
                throw new FormatException($"subject field '{name}' has no value");
            }

            subject = name.ToUpperInvariant() switch
            {
                "C" when value.Length != 2 => throw new FormatException($"subject country 'C={value}' must be a two-letter code"),
                "C" => subject with { Country = value },
                "ST" => subject with { State = value },
                "L" => subject with { Locality = value },
                "O" => subject with { Organization = value },
                "OU" => subject with { OrganizationalUnit = value },
                "CN" => subject with { CommonName = value },
                "EMAILADDRESS" or "EMAIL" => subject with { EmailAddress = value },
                _ => throw new FormatException($"subject field '{name}' is not one of C, ST, L, O, OU, CN, emailAddress"),
            };
        }

        return subject;
    }

    /// <summary>The OpenSSL slash form; empty for an empty subject.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in Fields())
        {
            builder.Append('/').Append(name).Append('=').Append(value.Replace("/", "\\/", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    internal X509Name ToX509Name()
    {
        var oids = new List<DerObjectIdentifier>();
        var values = new List<string>();
        foreach (var (name, value) in Fields())
        {
            oids.Add(name switch
            {
                "C" => X509Name.C,
                "ST" => X509Name.ST,
                "L" => X509Name.L,
                "O" => X509Name.O,
                "OU" => X509Name.OU,
                "CN" => X509Name.CN,
                _ => X509Name.EmailAddress,
            });
            values.Add(value);
        }

        return new X509Name(oids, values);
    }

    private IEnumerable<(string Name, string Value)> Fields()
    {
        if (Country is not null) { yield return ("C", Country); }
        if (State is not null) { yield return ("ST", State); }
        if (Locality is not null) { yield return ("L", Locality); }
        if (Organization is not null) { yield return ("O", Organization); }
        if (OrganizationalUnit is not null) { yield return ("OU", OrganizationalUnit); }
        if (CommonName is not null) { yield return ("CN", CommonName); }
        if (EmailAddress is not null) { yield return ("emailAddress", EmailAddress); }
    }

    private static List<string> SplitUnescaped(string text)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
            }
            else if (text[i] == '/')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(text[i]);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }
}
