using System.Collections.Immutable;
using KcmCompose.Validation;

namespace KcmCompose.Kcm;

/// <summary>What <see cref="KcmInitializer.InitializeAsync"/> set up; every path is full.</summary>
/// <param name="Directory">The folder.</param>
/// <param name="ComposeFile">The compose file, client authentication on.</param>
/// <param name="EnvFile">The <c>.env</c> with the database passwords (0600).</param>
/// <param name="CaCertificate">The client CA certificate, mounted into the proxy.</param>
/// <param name="CaKey">The CA's encrypted private key (0600).</param>
/// <param name="CaPassphraseFile">The file (0600) holding the CA key's passphrase.</param>
/// <param name="Clients">The clients, in the order given.</param>
/// <param name="Stack">The stack written.</param>
/// <param name="Validation">The validator's report on the written files (no errors, or the call would have thrown).</param>
public sealed record KcmInitResult(
    string Directory,
    string ComposeFile,
    string EnvFile,
    string CaCertificate,
    string CaKey,
    string CaPassphraseFile,
    ImmutableArray<KcmInitClient> Clients,
    KcmStack Stack,
    ValidationReport Validation)
{
    /// <summary>Whether <see cref="ComposeFile"/> is for <c>docker compose</c> or a Swarm stack file.</summary>
    public KcmTarget Target { get; init; }
}
