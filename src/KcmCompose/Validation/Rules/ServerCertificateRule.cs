using System.Text;
using KcmCompose.Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

using KcmCompose.Kcm;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// The server certificate mode (<c>CERTIFICATE_FILE</c> and <c>PRIVATE_KEY_FILE</c>): both files mounted and
/// present, a certificate that is valid now and names SSL_HOSTNAME, and an unencrypted key that belongs to it.
/// </summary>
internal sealed class ServerCertificateRule : IValidationRule
{
    private const string CertificateFile = KcmVariables.CertificateFile;
    private const string KeyFile = KcmVariables.PrivateKeyFile;

    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        foreach (var proxy in ProxyFiles.FindServers(context))
        {
            var certificateVariable = proxy.Setting(CertificateFile);
            var keyVariable = proxy.Setting(KeyFile);
            var chain = certificateVariable is null ? null : ReadCertificate(context, sink, proxy, certificateVariable);
            var key = keyVariable is null ? null : ReadKey(context, sink, proxy, keyVariable);
            if (chain is null)
            {
                continue;
            }

            CheckValidity(context, sink, certificateVariable!, chain.Leaf);
            if (key is not null && !Matches(key, chain.Leaf))
            {
                sink.Add(context.At(DiagnosticCatalog.ServerKeyMismatch, context.ValueLocation(keyVariable!), keyVariable!.Path, keyVariable.Value, keyVariable.Value, chain.Leaf.Subject));
            }

            CheckHostname(context, sink, proxy, chain.Leaf);
        }
    }

    private static byte[]? ReadFile(ValidationContext context, ICollection<Diagnostic> sink, ProxyFiles proxy, KcmVariable variable)
    {
        var containerPath = variable.Value!;
        var location = context.ValueLocation(variable);
        var resolution = proxy.Resolve(context, containerPath);
        if (resolution.Kind is MountResolutionKind.NotMounted or MountResolutionKind.EmptyVolume)
        {
            sink.Add(context.At(DiagnosticCatalog.ServerFileNotMounted, location, variable.Path, containerPath, variable.Name, containerPath, ProxyFiles.DescribeUnmounted(resolution), proxy.Service.Name));
            return null;
        }

        if (resolution.Kind == MountResolutionKind.NamedVolume)
        {
            return null;
        }

        var read = CaFileReader.Read(resolution.HostPath!);
        switch (read.Status)
        {
            case CaFileStatus.Missing:
                sink.Add(context.At(DiagnosticCatalog.ServerFileMissing, location, variable.Path, containerPath, variable.Name, containerPath, resolution.HostPath));
                return null;
            case CaFileStatus.Unreadable:
                sink.Add(context.At(DiagnosticCatalog.FileUnreadable, location, variable.Path, containerPath, variable.Name, containerPath, read.Problem?.TrimEnd('.')));
                return null;
        }

        if (!resolution.Mount!.ReadOnly)
        {
            sink.Add(context.At(DiagnosticCatalog.MountNotReadOnly, resolution.Mount.Location, resolution.Mount.Path, ProxyFiles.Describe(resolution.Mount), ProxyFiles.Describe(resolution.Mount), $"{variable.Name} {containerPath}"));
        }

        return read.Content;
    }

    private static CertificateChain? ReadCertificate(ValidationContext context, ICollection<Diagnostic> sink, ProxyFiles proxy, KcmVariable variable)
    {
        var content = ReadFile(context, sink, proxy, variable);
        if (content is null)
        {
            return null;
        }

        try
        {
            return CertificateChain.Parse(content);
        }
        catch (FormatException ex)
        {
            sink.Add(context.At(DiagnosticCatalog.ServerCertificateInvalid, context.ValueLocation(variable), variable.Path, variable.Value, variable.Value, ex.Message));
            return null;
        }
    }

    private static AsymmetricKeyParameter? ReadKey(ValidationContext context, ICollection<Diagnostic> sink, ProxyFiles proxy, KcmVariable variable)
    {
        var content = ReadFile(context, sink, proxy, variable);
        if (content is null)
        {
            return null;
        }

        var text = Encoding.Latin1.GetString(content);
        var location = context.ValueLocation(variable);
        if (text.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal) || text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            sink.Add(context.At(DiagnosticCatalog.ServerKeyEncrypted, location, variable.Path, variable.Value, variable.Value));
            return null;
        }

        try
        {
            using var reader = new Org.BouncyCastle.OpenSsl.PemReader(new StringReader(text));
            object? item;
            while ((item = reader.ReadObject()) is not null)
            {
                switch (item)
                {
                    case AsymmetricCipherKeyPair pair:
                        return pair.Private;
                    case AsymmetricKeyParameter { IsPrivate: true } key:
                        return key;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or InvalidCastException or Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Crypto.CryptoException)
        {
            sink.Add(context.At(DiagnosticCatalog.ServerKeyInvalid, location, variable.Path, variable.Value, variable.Value, ex.Message.TrimEnd('.')));
            return null;
        }

        sink.Add(context.At(DiagnosticCatalog.ServerKeyInvalid, location, variable.Path, variable.Value, variable.Value, "it holds no PEM private key"));
        return null;
    }

    private static void CheckValidity(ValidationContext context, ICollection<Diagnostic> sink, KcmVariable variable, CertificateChainElement leaf)
    {
        var now = context.TimeProvider.GetUtcNow();
        if (now > leaf.NotAfter || now < leaf.NotBefore)
        {
            sink.Add(context.At(DiagnosticCatalog.ServerCertificateExpired, context.ValueLocation(variable), variable.Path, variable.Value, variable.Value, leaf.Subject, leaf.NotBefore, leaf.NotAfter));
        }
    }

    private static void CheckHostname(ValidationContext context, ICollection<Diagnostic> sink, ProxyFiles proxy, CertificateChainElement leaf)
    {
        if (proxy.Setting(KcmVariables.SslHostname) is not { } hostname)
        {
            return;
        }

        var name = hostname.Value!.Trim().TrimEnd('.');
        if (!leaf.HostNames.Any(n => NameMatches(n, name)))
        {
            sink.Add(context.At(DiagnosticCatalog.ServerHostnameMismatch, context.ValueLocation(hostname), hostname.Path, hostname.Value, name, string.Join(", ", leaf.HostNames)));
        }
    }

    private static bool NameMatches(string pattern, string name)
    {
        if (string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return false;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(pattern[1..], name[dot..], StringComparison.OrdinalIgnoreCase);
    }

    private static bool Matches(AsymmetricKeyParameter key, CertificateChainElement certificate)
    {
        var publicKey = certificate.PublicKey;
        return (key, publicKey) switch
        {
            (RsaKeyParameters rsa, RsaKeyParameters certRsa) => rsa.Modulus.Equals(certRsa.Modulus),
            (ECPrivateKeyParameters ec, ECPublicKeyParameters certEc) => ec.Parameters.G.Multiply(ec.D).Normalize().Equals(certEc.Q.Normalize()),
            (Ed25519PrivateKeyParameters ed, Ed25519PublicKeyParameters certEd) => ed.GeneratePublicKey().GetEncoded().AsSpan().SequenceEqual(certEd.GetEncoded()),
            _ => true,
        };
    }
}
