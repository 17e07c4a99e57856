namespace KcmCompose.Kcm;

/// <summary>Let's Encrypt: <c>LETSENCRYPT_ACCEPT_TOS</c>, <c>LETSENCRYPT_EMAIL</c>, <c>LETSENCRYPT_STAGING</c>.</summary>
/// <param name="Email">Where Let's Encrypt sends notices; <see langword="null"/> for none.</param>
/// <param name="Staging">Use the staging service. Defaults to false.</param>
/// <param name="AcceptTermsOfService">Whether the Let's Encrypt terms are accepted (required by the image). Defaults to true.</param>
public sealed record LetsEncryptTls(string? Email = null, bool Staging = false, bool AcceptTermsOfService = true) : TlsMode;
