namespace KcmCompose.Certificates;

/// <summary>nginx's <c>ssl_verify_client</c> (the image's <c>SSL_VERIFY_CLIENT</c>), as far as it decides a presented certificate.</summary>
public enum ClientCertificateCheckMode
{
    /// <summary><c>on</c>: the chain must verify.</summary>
    On,

    /// <summary><c>off</c>: nginx does not ask for a certificate; every request passes the TLS layer.</summary>
    Off,

    /// <summary><c>optional</c>: a presented certificate must verify (same as <see cref="On"/> for a client that presents one).</summary>
    Optional,

    /// <summary><c>optional_no_ca</c>: a chain that does not reach a trusted root passes; other errors (expired, wrong purpose) still fail.</summary>
    OptionalNoCa,
}
