// Creates a client-certificate CA (once) and issues one user's certificate with a browser-importable .pfx.
// Usage: IssueClientCertificate <ca-folder> <user-name>
// Secrets never reach the console: the CA key passphrase lives in <ca-folder>.pass and the .pfx passphrase in
// <ca-folder>/clients/<user-name>.pfx.pass, both created 0600. Hand the .pfx and its passphrase to the user separately.
using KcmCompose.Certificates;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: IssueClientCertificate <ca-folder> <user-name>");
    return 2;
}

var ca = new CertificateAuthority(args[0], TimeProvider.System);
var caPassphraseFile = Path.GetFullPath(args[0]).TrimEnd(Path.DirectorySeparatorChar) + ".pass";
try
{
    if (!File.Exists(ca.CertificatePath))
    {
        var passphrase = Passphrases.Generate();
        Directory.CreateDirectory(Path.GetDirectoryName(caPassphraseFile)!);
        await Passphrases.WriteFileAsync(caPassphraseFile, passphrase, overwrite: false);
        var created = await ca.CreateAsync(new CaCreationOptions
        {
            Key = KeyAlgorithm.EcdsaP256,
            Subject = CertificateSubject.Parse("/O=Example/CN=KCM Client CA"),
            ValidityDays = 3650,
            Passphrase = passphrase,
        });
        Console.WriteLine($"created CA {created.Subject} in {created.CertificatePath}, valid until {created.NotAfter:u}; key passphrase in {caPassphraseFile}");
    }

    var pfxPassphrase = Passphrases.Generate();
    ClientIssueResult issued = await ca.IssueClientAsync(new ClientIssueOptions
    {
        Name = args[1],
        CaPassphrase = await Passphrases.ReadFileAsync(caPassphraseFile),
        Key = KeyAlgorithm.EcdsaP256,
        ValidityDays = 365,               // clamped to the CA's own validity
        PfxFormat = PfxFormat.Compatible, // opens in every browser and OS keychain
        Passphrase = pfxPassphrase,       // encrypts the .key and the .pfx
    });
    await Passphrases.WriteFileAsync(issued.PfxPath + ".pass", pfxPassphrase, overwrite: true);
    Console.WriteLine($"issued {issued.Certificate.Subject} (serial {issued.Certificate.SerialNumber}), valid until {issued.Certificate.NotAfter:u}");
    Console.WriteLine($"certificate {issued.CertificatePath}");
    Console.WriteLine($"pfx {issued.PfxPath} (passphrase in {issued.PfxPath}.pass)");
    return 0;
}
catch (PkiException e)
{
    // What went wrong and how to fix it, in one message (a name issued before, a wrong passphrase, ...).
    Console.Error.WriteLine(e.Message);
    return 1;
}
