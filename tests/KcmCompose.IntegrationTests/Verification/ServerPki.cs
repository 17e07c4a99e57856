using KcmCompose.IntegrationTests.Infrastructure;
using static KcmCompose.IntegrationTests.Certificates.PkiCli;

namespace KcmCompose.IntegrationTests.Verification;

/// <summary>A throw-away server CA (<c>server-ca.crt</c>) and a server certificate for 127.0.0.1, made with openssl.</summary>
internal static class ServerPki
{
    public static void Create(string work)
    {
        Succeeds(Openssl(work, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "server-ca.key", "-out", "server-ca.crt", "-days", "2", "-subj", "/CN=Verify Test Server CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
        Succeeds(Openssl(work, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"));
        File.WriteAllText(Path.Combine(work, "server.ext"),
            "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n");
        Succeeds(Openssl(work, "x509", "-req", "-in", "server.csr", "-CA", "server-ca.crt", "-CAkey", "server-ca.key",
            "-CAcreateserial", "-out", "server.crt", "-days", "1", "-extfile", "server.ext"));
    }
}
