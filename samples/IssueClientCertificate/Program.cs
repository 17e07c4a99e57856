// Creates a client-certificate CA (once) and issues one user's certificate with a browser-importable .pfx.
// Usage: IssueClientCertificate <ca-folder> <user-name>
// The CA key passphrase is read from KCM_CA_PASSPHRASE; when the CA is created without it, one is generated and printed once.
using KcmCompose.Certificates;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: IssueClientCertificate <ca-folder> <user-name>");
    return 2;
}

var ca = new CertificateAuthority(args[0], TimeProvider.System);
var caPassphrase = Environment.GetEnvironmentVariable("KCM_CA_PASSPHRASE");
if (!File.Exists(ca.CertificatePath))
{
    var created = await ca.CreateAsync(new CaCreationOptions
    {
        Key = KeyAlgorithm.EcdsaP256,
        Subject = CertificateSubject.Parse("/O=Example/CN=KCM Client CA"),
        ValidityDays = 3650,
        Passphrase = caPassphrase,
    });
    Console.WriteLine($"created CA {created.Subject} in {created.CertificatePath}, valid until {created.NotAfter:u}");
    if (created.GeneratedPassphrase is { } generated)
    {
        Console.WriteLine($"CA key passphrase (shown once, keep it in your secrets store): {generated}");
        caPassphrase = generated;
    }
}

try
{
    ClientIssueResult issued = await ca.IssueClientAsync(new ClientIssueOptions
    {
        Name = args[1],
        CaPassphrase = caPassphrase,
        Key = KeyAlgorithm.EcdsaP256,
        ValidityDays = 365,             // clamped to the CA's own validity
        PfxFormat = PfxFormat.Compatible, // opens in every browser and OS keychain
    });
    Console.WriteLine($"issued {issued.Certificate.Subject} (serial {issued.Certificate.SerialNumber}), valid until {issued.Certificate.NotAfter:u}");
    Console.WriteLine($"certificate {issued.CertificatePath}");
    Console.WriteLine($"pfx {issued.PfxPath}");
    if (issued.GeneratedPassphrase is { } pfxPassphrase)
    {
        Console.WriteLine($"pfx passphrase (give it to the user with the .pfx): {pfxPassphrase}");
    }

    return 0;
}
catch (PkiException e)
{
    // What went wrong and how to fix it, in one message (an existing user, a wrong passphrase, ...).
    Console.Error.WriteLine(e.Message);
    return 1;
}
