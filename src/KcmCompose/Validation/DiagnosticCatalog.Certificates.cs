namespace KcmCompose.Validation;

/// <summary>Rows for the files the proxy reads: the client CA file and the server certificate and key.</summary>
internal static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor CaFileNotMounted = new(
        "ca-file-not-mounted", DiagnosticSeverity.Error, "CLIENT_CERTIFICATE_FILE is not inside any volume of the proxy.",
        "CLIENT_CERTIFICATE_FILE '{0}' is {1}, so nginx in service '{2}' will not find the CA file and will not start.",
        "Bind-mount the CA file read-only, for example './client-ca.pem:{0}:ro' under services.{2}.volumes.");

    public static readonly DiagnosticDescriptor CaFileNotCheckable = new(
        "ca-file-not-checkable", DiagnosticSeverity.Info, "The CA file is in a named volume and cannot be checked.",
        "CLIENT_CERTIFICATE_FILE '{0}' is in the named volume '{1}', whose content is not visible from the compose file, so it was not checked.",
        "Bind-mount the CA file from the host instead (./client-ca.pem:{0}:ro) to have it checked before deploying.");

    public static readonly DiagnosticDescriptor CaFileMissing = new(
        "ca-file-missing", DiagnosticSeverity.Error, "The CA file does not exist on the host.",
        "CLIENT_CERTIFICATE_FILE '{0}' maps to '{1}' on the host, which does not exist; Docker would mount an empty folder there and nginx would not start.",
        "Create '{1}' (the PEM file of the CA that issues the client certificates) or correct the volume source.");

    public static readonly DiagnosticDescriptor FileUnreadable = new(
        "file-unreadable", DiagnosticSeverity.Error, "A file the proxy needs cannot be read.",
        "{0} '{1}': {2}.",
        "Make '{1}' a regular file that can be read (not a folder, FIFO, socket or device).");

    public static readonly DiagnosticDescriptor CaFileNotPem = new(
        "ca-file-not-pem", DiagnosticSeverity.Error, "nginx cannot load the CA file.",
        "nginx will refuse to start with the CA file '{0}': {1}.",
        "Put PEM certificates in the file ('-----BEGIN CERTIFICATE-----' at the start of a line); convert DER with 'openssl x509 -inform der -in ca.der -out ca.pem'.");

    public static readonly DiagnosticDescriptor CaNotCa = new(
        "ca-not-ca", DiagnosticSeverity.Error, "A certificate in the CA file is not a CA.",
        "'{1}' (line {2} of '{0}') is not a CA certificate (no basicConstraints CA:TRUE), so OpenSSL rejects every client certificate it issued.",
        "Put the certificate of the CA that issues the client certificates in the file, not a client or server certificate.");

    public static readonly DiagnosticDescriptor CaExpired = new(
        "ca-expired", DiagnosticSeverity.Error, "A certificate in the CA file has expired.",
        "'{1}' (line {2} of '{0}') expired on {3:yyyy-MM-dd}, so every client chain through it fails.",
        "Renew the CA certificate (same key) and replace it in the file.");

    public static readonly DiagnosticDescriptor CaNotYetValid = new(
        "ca-not-yet-valid", DiagnosticSeverity.Error, "A certificate in the CA file is not valid yet.",
        "'{1}' (line {2} of '{0}') is not valid before {3:yyyy-MM-dd HH:mm} UTC, so every client chain through it fails until then.",
        "Check the clock of the machine that issued it, or wait until it becomes valid.");

    public static readonly DiagnosticDescriptor CaExpiringSoon = new(
        "ca-expiring-soon", DiagnosticSeverity.Warning, "A certificate in the CA file expires soon.",
        "'{1}' (line {2} of '{0}') expires on {3:yyyy-MM-dd}, in {4} day(s); after that every client is rejected.",
        "Renew the CA certificate now and replace it in the file.");

    public static readonly DiagnosticDescriptor CaWeakKey = new(
        "ca-weak-key", DiagnosticSeverity.Error, "A CA key is too small for OpenSSL's default security level.",
        "'{1}' (line {2} of '{0}') has a {3}-bit {4} key; OpenSSL's default security level 2 rejects CA keys below RSA 2048 bits, so every client is rejected.",
        "Issue a new CA with an RSA key of 2048 bits or more, or an EC P-256 key.");

    public static readonly DiagnosticDescriptor CaWeakSignature = new(
        "ca-weak-signature", DiagnosticSeverity.Warning, "A certificate in the CA file is signed with SHA-1 or MD5.",
        "'{1}' (line {2} of '{0}') is signed with {3}; OpenSSL rejects such signatures on every certificate but the root.",
        "Reissue the certificate with SHA-256.");

    public static readonly DiagnosticDescriptor CaChainIncomplete = new(
        "ca-chain-incomplete", DiagnosticSeverity.Error, "An intermediate CA's issuer is missing from the CA file.",
        "'{1}' (line {2} of '{0}') is issued by '{3}', which is not in the file; nginx cannot build a chain to a root and rejects every client certificate under it.",
        "Append the certificate of '{3}' (and its issuers up to the self-signed root) to the CA file.");

    public static readonly DiagnosticDescriptor VerifyDepthTooSmall = new(
        "verify-depth-too-small", DiagnosticSeverity.Error, "SSL_VERIFY_DEPTH is too small for the CA file.",
        "SSL_VERIFY_DEPTH is {0}{1} but client certificates issued by '{2}' need {3}: that many CA certificates stand between them and the root.",
        "Set SSL_VERIFY_DEPTH: \"{3}\" (or more) in the proxy's environment.");

    public static readonly DiagnosticDescriptor MountNotReadOnly = new(
        "mount-not-readonly", DiagnosticSeverity.Warning, "A certificate mount is writable.",
        "The volume '{0}' that holds {1} is mounted read-write, so a compromised proxy could replace it.",
        "Mount it read-only: add ':ro' to the short syntax or 'read_only: true' to the long syntax.");

    public static readonly DiagnosticDescriptor ServerFileNotMounted = new(
        "server-file-not-mounted", DiagnosticSeverity.Error, "The server certificate or key is not inside any volume of the proxy.",
        "{0} '{1}' is {2}, so nginx in service '{3}' will not find it.",
        "Bind-mount the file read-only, for example './tls/file.pem:{1}:ro'.");

    public static readonly DiagnosticDescriptor ServerFileMissing = new(
        "server-file-missing", DiagnosticSeverity.Error, "The server certificate or key does not exist on the host.",
        "{0} '{1}' maps to '{2}' on the host, which does not exist.",
        "Create '{2}' or correct the volume source.");

    public static readonly DiagnosticDescriptor ServerCertificateInvalid = new(
        "server-certificate-invalid", DiagnosticSeverity.Error, "The server certificate file holds no usable certificate.",
        "CERTIFICATE_FILE '{0}' cannot be used by nginx: {1}.",
        "Put the server certificate (then its intermediates) in PEM form in the file.");

    public static readonly DiagnosticDescriptor ServerCertificateExpired = new(
        "server-certificate-expired", DiagnosticSeverity.Error, "The server certificate has expired or is not valid yet.",
        "The server certificate '{1}' in '{0}' is valid from {2:yyyy-MM-dd} to {3:yyyy-MM-dd}, not now; browsers will refuse the connection.",
        "Renew the server certificate.");

    public static readonly DiagnosticDescriptor ServerKeyInvalid = new(
        "server-key-invalid", DiagnosticSeverity.Error, "The private key file holds no usable key.",
        "PRIVATE_KEY_FILE '{0}' cannot be used by nginx: {1}.",
        "Put the server's private key, unencrypted, in PEM form in the file.");

    public static readonly DiagnosticDescriptor ServerKeyEncrypted = new(
        "server-key-encrypted", DiagnosticSeverity.Error, "The private key is encrypted.",
        "PRIVATE_KEY_FILE '{0}' is encrypted with a passphrase; nginx in a container cannot prompt for it and will not start.",
        "Decrypt it once: 'openssl pkey -in encrypted.key -out server.key', and keep the file mode 0600.");

    public static readonly DiagnosticDescriptor ServerKeyMismatch = new(
        "server-key-mismatch", DiagnosticSeverity.Error, "The private key does not belong to the certificate.",
        "PRIVATE_KEY_FILE '{0}' does not match the certificate '{1}' in CERTIFICATE_FILE; nginx will refuse to start (key values mismatch).",
        "Use the key the certificate was issued for.");

    public static readonly DiagnosticDescriptor ServerHostnameMismatch = new(
        "server-hostname-mismatch", DiagnosticSeverity.Warning, "SSL_HOSTNAME is not a name of the server certificate.",
        "SSL_HOSTNAME '{0}' is not among the names of the server certificate ({1}); browsers will warn.",
        "Use a certificate issued for '{0}', or set SSL_HOSTNAME to one of its names.");

    static partial void AddCertificateDescriptors(ICollection<DiagnosticDescriptor> descriptors)
    {
        foreach (var descriptor in new[]
        {
            CaFileNotMounted, CaFileNotCheckable, CaFileMissing, FileUnreadable, CaFileNotPem, CaNotCa, CaExpired,
            CaNotYetValid, CaExpiringSoon, CaWeakKey, CaWeakSignature, CaChainIncomplete, VerifyDepthTooSmall,
            MountNotReadOnly, ServerFileNotMounted, ServerFileMissing, ServerCertificateInvalid, ServerCertificateExpired,
            ServerKeyInvalid, ServerKeyEncrypted, ServerKeyMismatch, ServerHostnameMismatch,
        })
        {
            descriptors.Add(descriptor);
        }
    }
}
