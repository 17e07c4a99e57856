using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;

namespace KcmCompose.Certificates;

/// <summary>The public keys this CA certifies: the ones current browsers, nginx and OpenSSL 3 accept at a useful strength.</summary>
internal static class PkiKeyPolicy
{
    /// <summary>The accepted set, as messages name it.</summary>
    public const string Accepted = "RSA of 2048 bits or more, ECDSA on P-256, P-384 or P-521, or Ed25519";

    private static readonly DerObjectIdentifier[] AcceptedCurves = [SecObjectIdentifiers.SecP256r1, SecObjectIdentifiers.SecP384r1, SecObjectIdentifiers.SecP521r1];

    /// <summary>Refuses a key outside <see cref="Accepted"/>, naming its type and size; <paramref name="source"/> names the request.</summary>
    public static void Check(SubjectPublicKeyInfo key, string source)
    {
        var what = Problem(key);
        if (what is not null)
        {
            throw new PkiException(
                $"certificate request '{source}' has {what}, which this CA does not certify: accepted are {Accepted}; ask for a new request with one of those");
        }
    }

    /// <summary>A description of the key when it is not accepted ("a 1024-bit DSA key"), or null when it is.</summary>
    private static string? Problem(SubjectPublicKeyInfo key)
    {
        var algorithm = key.Algorithm.Algorithm;
        try
        {
            if (algorithm.Equals(PkcsObjectIdentifiers.RsaEncryption))
            {
                var bits = RsaPublicKeyStructure.GetInstance(key.ParsePublicKey()).Modulus.BitLength;
                return bits >= 2048 ? null : $"a {bits}-bit RSA key";
            }

            if (algorithm.Equals(X9ObjectIdentifiers.IdECPublicKey))
            {
                var parameters = X962Parameters.GetInstance(key.Algorithm.Parameters);
                if (!parameters.IsNamedCurve)
                {
                    return "an ECDSA key with explicit curve parameters (not a named curve)";
                }

                var curve = (DerObjectIdentifier)parameters.Parameters;
                if (AcceptedCurves.Contains(curve))
                {
                    return null;
                }

                var name = ECNamedCurveTable.GetName(curve) ?? curve.Id;
                return ECNamedCurveTable.GetByOid(curve) is { } known
                    ? $"an ECDSA key on curve {name} ({known.Curve.FieldSize}-bit)"
                    : $"an ECDSA key on curve {name}";
            }

            if (algorithm.Equals(EdECObjectIdentifiers.id_Ed25519))
            {
                return null;
            }

            if (algorithm.Equals(X9ObjectIdentifiers.IdDsa) || algorithm.Equals(Org.BouncyCastle.Asn1.Oiw.OiwObjectIdentifiers.DsaWithSha1))
            {
                return key.Algorithm.Parameters is { } dsa and not Asn1Null
                    ? $"a {DsaParameter.GetInstance(dsa).P.BitLength}-bit DSA key"
                    : "a DSA key";
            }

            if (algorithm.Equals(EdECObjectIdentifiers.id_Ed448))
            {
                return "an Ed448 key";
            }

            return algorithm.Equals(PkcsObjectIdentifiers.IdRsassaPss) ? "an RSA-PSS-only key" : $"a key of type {algorithm.Id}";
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException or IOException)
        {
            return $"an unreadable {algorithm.Id} key ({PkiKeys.OneLine(e.Message)})";
        }
    }
}
