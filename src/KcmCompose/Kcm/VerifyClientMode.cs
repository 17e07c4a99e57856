namespace KcmCompose.Kcm;

/// <summary>nginx <c>ssl_verify_client</c>, set through <c>SSL_VERIFY_CLIENT</c>; see https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_verify_client.</summary>
public enum VerifyClientMode
{
    /// <summary><c>on</c>: a valid client certificate is required.</summary>
    On,

    /// <summary><c>off</c>: no client certificate is requested.</summary>
    Off,

    /// <summary><c>optional</c>: a certificate is requested and verified when sent.</summary>
    Optional,

    /// <summary><c>optional_no_ca</c>: a certificate is requested but not verified against the CA.</summary>
    OptionalNoCa,
}
