namespace KcmCompose.Kcm;

/// <summary>
/// TLS client-certificate authentication at the proxy: the CA file is bind-mounted read-only and named by
/// <c>CLIENT_CERTIFICATE_FILE</c>; the rest tune nginx.
/// </summary>
/// <param name="CaHostPath">The CA certificate file (PEM) on the host; <see langword="null"/> when it reaches the container another way.</param>
/// <param name="CaFile">Where the proxy reads the CA file (<c>CLIENT_CERTIFICATE_FILE</c>).</param>
/// <param name="VerifyClient"><c>SSL_VERIFY_CLIENT</c>; <see langword="null"/> leaves the image default.</param>
/// <param name="VerifyDepth"><c>SSL_VERIFY_DEPTH</c>, 0 or more; <see langword="null"/> leaves the image default.</param>
/// <param name="AdditionalNginxConfig">
/// <c>ADDITIONAL_NGINX_CONFIG</c>: directives added to the proxied location, LITERAL text as nginx must see it
/// (a <c>$</c> here is an nginx variable; the mapping escapes it for Compose). <see langword="null"/> for none.
/// </param>
public sealed record ClientAuthentication(
    string? CaHostPath,
    ContainerPath CaFile,
    VerifyClientMode? VerifyClient = null,
    int? VerifyDepth = null,
    string? AdditionalNginxConfig = null)
{
    /// <summary>The container path used for the CA file unless chosen otherwise.</summary>
    public const string DefaultCaPath = "/certs/client-ca.pem";

    /// <summary>Reads an <c>SSL_VERIFY_DEPTH</c> value as nginx does: ASCII digits only, 0 or more.</summary>
    public static bool TryParseVerifyDepth(string? text, out int depth) => KcmSettings.TryParseVerifyDepth(text, out depth);

    /// <summary>Client authentication with the CA at <paramref name="caHostPath"/>, mounted at <see cref="DefaultCaPath"/>, verification <c>on</c>.</summary>
    public static ClientAuthentication FromCaFile(string caHostPath) =>
        new(caHostPath, ContainerPath.Of(DefaultCaPath), VerifyClientMode.On);
}
