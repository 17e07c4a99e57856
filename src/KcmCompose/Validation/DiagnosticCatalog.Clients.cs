using KcmCompose.Certificates;

namespace KcmCompose.Validation;

/// <summary>Rows for the reasons <c>check-client</c> rejects a client certificate (<see cref="ClientCertificateCheckError"/>).</summary>
internal static partial class DiagnosticCatalog
{
    private static readonly DiagnosticDescriptor[] _clients =
    [
        Client(ClientCertificateCheckError.CaFileUnusable, "nginx cannot load the CA file, so it would not start."),
        Client(ClientCertificateCheckError.UnableToGetIssuer, "The CA file holds an intermediate without its root."),
        Client(ClientCertificateCheckError.UnableToGetIssuerLocally, "The client certificate's issuer is not in the CA file."),
        Client(ClientCertificateCheckError.UntrustedSelfSigned, "The client's chain ends in a self-signed certificate the CA file lacks."),
        Client(ClientCertificateCheckError.ChainTooLong, "More intermediates than SSL_VERIFY_DEPTH allows."),
        Client(ClientCertificateCheckError.InvalidCa, "An issuer in the chain is not a CA."),
        Client(ClientCertificateCheckError.PathLengthExceeded, "A CA's path length constraint is exceeded."),
        Client(ClientCertificateCheckError.InvalidPurpose, "Key usage or extended key usage rules out TLS client authentication."),
        Client(ClientCertificateCheckError.NotYetValid, "A certificate in the chain is not yet valid."),
        Client(ClientCertificateCheckError.Expired, "A certificate in the chain has expired."),
        Client(ClientCertificateCheckError.SignatureFailure, "A signature in the chain does not verify."),
        Client(ClientCertificateCheckError.KeyTooSmall, "A key in the chain is below OpenSSL's security level 2."),
        Client(ClientCertificateCheckError.WeakSignature, "A certificate below the root is signed with MD5 or SHA-1."),
        Client(ClientCertificateCheckError.Revoked, "The CA revoked the client certificate (with --ca-dir or --crl)."),
    ];

    private static DiagnosticDescriptor Client(ClientCertificateCheckError error, string title) =>
        new(error.ToCode()!, DiagnosticSeverity.Error, title, "{0}", "{1}");

    static partial void AddClientDescriptors(ICollection<DiagnosticDescriptor> descriptors)
    {
        foreach (var d in _clients)
        {
            descriptors.Add(d);
        }
    }
}
