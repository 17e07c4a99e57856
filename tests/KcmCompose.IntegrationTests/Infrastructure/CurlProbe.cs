using System.Globalization;

namespace KcmCompose.IntegrationTests.Infrastructure;

/// <summary>
/// curl as an independent client of a proxy on a loopback port: the HTTP status it gets without a certificate or with
/// one of a CA folder's clients (<c>ROOT/ca/clients/NAME.pfx</c>, turned into PEM once by openssl with the passphrase in
/// <c>ROOT/PASSFILE</c>).
/// </summary>
internal sealed class CurlProbe(string root, string passphraseFile = "client.pass")
{
    private readonly string _curl = Requires.Program("curl");

    /// <summary>The status code curl reports (<c>000</c> when the handshake fails).</summary>
    public string Status(int port, string? client)
    {
        var arguments = new List<string> { "-sk", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5" };
        if (client is not null)
        {
            var pem = Path.Combine(root, client + ".pem");
            if (!File.Exists(pem))
            {
                var export = ProcessRunner.Run(Requires.Program("openssl"), ["pkcs12", "-in", Path.Combine("ca", "clients", client + ".pfx"), "-passin", "file:" + passphraseFile, "-nodes", "-out", pem], root);
                export.ExitCode.Should().Be(0, export.ToString());
            }

            arguments.AddRange(["--cert", pem]);
        }

        arguments.Add(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{port}/"));
        return ProcessRunner.Run(_curl, arguments, timeout: TimeSpan.FromSeconds(20)).StandardOutput.Trim();
    }

    /// <summary>Polls until the proxy (starting, recreated or rolled out) answers <paramref name="status"/> to <paramref name="client"/>; fails after <paramref name="within"/>.</summary>
    public void WaitForStatus(int port, string client, string status, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            last = Status(port, client);
            if (last == status)
            {
                return;
            }

            Task.Delay(200).GetAwaiter().GetResult();
        }

        Assert.Fail($"{client} got {last}, not {status}, within {within.TotalSeconds:0} s");
    }
}
