using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;

namespace KcmCompose.Kcm;

/// <summary>
/// The KCM contract for environment variables, written down once: for each variable the rule its value is read
/// with, what it accepts, its default and one line of documentation. The validator, <c>check-client</c>, the
/// reader, the model's checks, the in-place editor, <c>apply</c> and the CLI all ask this table; nothing else parses
/// these values. Facts no public source confirms (the images' defaults, the name ADDITIONAL_NGINX_CONFIG) are
/// marked <see cref="KcmSetting.Confirmed"/> = false and listed as such in docs/kcm.md; <c>verify</c> is the proof.
/// </summary>
internal static class KcmSettings
{
    /// <summary>The one spelling of "yes" Keeper documents for its flags (<c>ACCEPT_EULA</c>, <c>SELF_SIGNED</c>...).</summary>
    public const string Yes = KcmVariables.Yes;

    /// <summary>nginx's own <c>ssl_verify_depth</c> default, used while the image does not set another (unconfirmed).</summary>
    public const int DefaultVerifyDepth = 1;

    /// <summary>The largest depth accepted: nginx reads the number into a C int.</summary>
    public const int MaxVerifyDepth = int.MaxValue;

    /// <summary>What the proxy does when <c>CLIENT_CERTIFICATE_FILE</c> is set and <c>SSL_VERIFY_CLIENT</c> is not (unconfirmed).</summary>
    public const VerifyClientMode DefaultVerifyClient = VerifyClientMode.On;

#pragma warning disable SA1202 // The rows read best next to each other, before the lookups that use them.
    public static readonly KcmSetting AcceptEula = new(
        KcmVariables.AcceptEula, KcmValueRule.Flag, "not accepted: every Keeper image exits at start", true,
        "Set to \"Y\" on every Keeper service once the Keeper EULA is accepted.");

    public static readonly KcmSetting SslHostname = new(
        KcmVariables.SslHostname, KcmValueRule.Hostname, "none (required)", true,
        "The public host name the proxy serves and requests certificates for.");

    public static readonly KcmSetting GuacamoleHostname = new(
        KcmVariables.GuacamoleHostname, KcmValueRule.Hostname, "none (required)", true,
        "The host name of the Guacamole service that the proxy forwards to (its compose service name).");

    public static readonly KcmSetting LetsEncryptAcceptTos = new(
        KcmVariables.LetsEncryptAcceptTos, KcmValueRule.Flag, "not accepted", true,
        "\"Y\" obtains the certificate from Let's Encrypt, accepting its terms of service.");

    public static readonly KcmSetting LetsEncryptEmail = new(
        KcmVariables.LetsEncryptEmail, KcmValueRule.Text, "none", true,
        "The e-mail address Let's Encrypt sends expiry notices to.");

    public static readonly KcmSetting LetsEncryptStaging = new(
        KcmVariables.LetsEncryptStaging, KcmValueRule.Flag, "off", true,
        "\"Y\" uses Let's Encrypt's staging service (untrusted test certificates).");

    public static readonly KcmSetting SelfSigned = new(
        KcmVariables.SelfSigned, KcmValueRule.Flag, "off", true,
        "\"Y\" makes the proxy generate a self-signed server certificate.");

    public static readonly KcmSetting CertificateFile = new(
        KcmVariables.CertificateFile, KcmValueRule.ContainerPath, "none", true,
        "Container path of an existing server certificate (PEM, leaf first); needs PRIVATE_KEY_FILE.");

    public static readonly KcmSetting PrivateKeyFile = new(
        KcmVariables.PrivateKeyFile, KcmValueRule.ContainerPath, "none", true,
        "Container path of the existing server certificate's private key (PEM).");

    public static readonly KcmSetting ClientCertificateFile = new(
        KcmVariables.ClientCertificateFile, KcmValueRule.ContainerPath, "none: client certificates are not requested", true,
        "Container path of the CA file (PEM) client certificates must chain to; nginx ssl_client_certificate.");

    public static readonly KcmSetting SslVerifyClient = new(
        KcmVariables.SslVerifyClient, KcmValueRule.VerifyClient, "on (assumed while CLIENT_CERTIFICATE_FILE is set)", false,
        "nginx ssl_verify_client: on, off, optional or optional_no_ca, in any letter case as nginx reads it.");

    public static readonly KcmSetting SslVerifyDepth = new(
        KcmVariables.SslVerifyDepth, KcmValueRule.VerifyDepth, "1 (nginx's default; the image's own is unconfirmed)", false,
        "nginx ssl_verify_depth: a whole number, 0 or more, of CA certificates allowed between a client certificate and its root.");

    public static readonly KcmSetting AdditionalNginxConfig = new(
        KcmVariables.AdditionalNginxConfig, KcmValueRule.NginxSnippet, "none", false,
        "nginx directives placed inside the proxied location block; write every nginx '$' as '$$' in the compose file.");

    public static readonly KcmSetting ContentTypeOptions = new(
        KcmVariables.ContentTypeOptions, KcmValueRule.Flag, "off (not sent)", false,
        "\"Y\" makes the proxy send Keeper's X-Content-Type-Options header (nosniff); kcm-compose turns it on by default.");

    public static readonly KcmSetting ContentSecurityPolicy = new(
        KcmVariables.ContentSecurityPolicy, KcmValueRule.Flag, "off (not sent)", false,
        "\"Y\" makes the proxy send Keeper's Content-Security-Policy header; kcm-compose turns it on by default.");

    public static readonly KcmSetting Servers = new(
        KcmVariables.Servers, KcmValueRule.ServerList, "none: one server, SSL_HOSTNAME", false,
        "A YAML or JSON array of objects (KCM 2.12 and later), each a set of these variables for one more nginx server; what an object leaves out is inherited.");
#pragma warning restore SA1202

    private static readonly FrozenDictionary<string, KcmSetting> _proxyByName = Proxy.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>The variables <c>keeper/guacamole-ssl-nginx</c> reads, in documentation order.</summary>
    public static ImmutableArray<KcmSetting> Proxy =>
    [
        AcceptEula, SslHostname, GuacamoleHostname, LetsEncryptAcceptTos, LetsEncryptEmail, LetsEncryptStaging, SelfSigned,
        CertificateFile, PrivateKeyFile, ClientCertificateFile, SslVerifyClient, SslVerifyDepth, AdditionalNginxConfig,
        ContentTypeOptions, ContentSecurityPolicy, Servers,
    ];

    /// <summary>The variables one entry of <c>SERVERS</c> may set: every proxy variable but <c>ACCEPT_EULA</c> and <c>SERVERS</c> itself.</summary>
    public static ImmutableArray<KcmSetting> ServerOverridable => [.. Proxy.Where(s => s != AcceptEula && s != Servers)];

    /// <summary>
    /// What is wrong with <paramref name="value"/> for <paramref name="setting"/> by its rule, or <see langword="null"/>
    /// when it is accepted: the one value check for typed overrides (the model, <c>emit --server</c>).
    /// </summary>
    public static string? CheckValue(KcmSetting setting, string value) => setting.Rule switch
    {
        KcmValueRule.Hostname => Kcm.Hostname.Check(value),
        KcmValueRule.ContainerPath when value.Length > 0 => ContainerPath.Check(value),
        KcmValueRule.VerifyClient when !TryParseVerifyClient(value, out _) => $"{setting.Name} must be on, off, optional or optional_no_ca, not '{value}'.",
        KcmValueRule.VerifyDepth when !TryParseVerifyDepth(value, out _) => $"{setting.Name} must be a whole number, 0 or more, not '{value}'.",
        KcmValueRule.ServerList => $"{setting.Name} cannot be set inside a server entry.",
        _ when value.Contains('\0', StringComparison.Ordinal) => $"{setting.Name} must not contain NUL.",
        _ => null,
    };

    /// <summary>The proxy variable named exactly <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static KcmSetting? FindProxySetting(string name) => _proxyByName.GetValueOrDefault(name);

    /// <summary>Whether a flag's value means yes: exactly <c>Y</c>, the one spelling Keeper documents.</summary>
    public static bool IsYes(string? value) => string.Equals(value, Yes, StringComparison.Ordinal);

    /// <summary>Reads <c>SSL_VERIFY_CLIENT</c> as nginx does: one of its four words, in any letter case, nothing around it.</summary>
    public static bool TryParseVerifyClient(string? text, out VerifyClientMode mode)
    {
        (var ok, mode) = text?.ToLowerInvariant() switch
        {
            "on" => (true, VerifyClientMode.On),
            "off" => (true, VerifyClientMode.Off),
            "optional" => (true, VerifyClientMode.Optional),
            "optional_no_ca" => (true, VerifyClientMode.OptionalNoCa),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>Reads <c>SSL_VERIFY_DEPTH</c> as nginx does: ASCII digits only, 0 to <see cref="MaxVerifyDepth"/>.</summary>
    public static bool TryParseVerifyDepth(string? text, out int depth)
    {
        depth = 0;
        return !string.IsNullOrEmpty(text)
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out depth);
    }

    /// <summary>The nginx spelling of a depth, as written into the compose file.</summary>
    public static string FormatVerifyDepth(int depth) => depth.ToString(CultureInfo.InvariantCulture);
}
