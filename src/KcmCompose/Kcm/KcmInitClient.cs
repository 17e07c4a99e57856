namespace KcmCompose.Kcm;

/// <summary>One client <see cref="KcmInitializer.InitializeAsync"/> set up: its files, all full paths.</summary>
/// <param name="Name">The client name (certificate CN, file name).</param>
/// <param name="Certificate">The client certificate (PEM).</param>
/// <param name="Key">The client private key (encrypted PEM, 0600), with the passphrase in <paramref name="PfxPassphraseFile"/>.</param>
/// <param name="Pfx">The PKCS#12 file to import into a browser or the system store (0600).</param>
/// <param name="PfxPassphraseFile">The file (0600) holding the passphrase of the .pfx and the key.</param>
/// <param name="Created">False when the client existed and was kept as it was.</param>
public sealed record KcmInitClient(string Name, string Certificate, string Key, string Pfx, string PfxPassphraseFile, bool Created);
