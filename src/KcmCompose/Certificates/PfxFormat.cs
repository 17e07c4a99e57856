namespace KcmCompose.Certificates;

/// <summary>How a PKCS#12 (.pfx) file is protected.</summary>
public enum PfxFormat
{
    /// <summary>
    /// 3DES (pbeWithSHAAnd3-KeyTripleDES-CBC) for key and certificates with a SHA-1 MAC: imports on macOS Keychain,
    /// Windows, Firefox/NSS, Chrome and OpenSSL 3 without <c>-legacy</c>. The default.
    /// </summary>
    Compatible,

    /// <summary>PBES2 AES-256-CBC with PBKDF2-HMAC-SHA256 for key and certificates and a SHA-256 MAC; older macOS and Windows refuse it.</summary>
    Modern,
}
