using System.Collections.Immutable;

namespace KcmCompose.Certificates;

/// <summary>Whether nginx would accept a client certificate, and why not.</summary>
public sealed record ClientCertificateCheckResult
{
    /// <summary><see langword="true"/> when nginx would answer the request instead of 400.</summary>
    public required bool Accepted { get; init; }

    /// <summary>The error that decides a rejection (the first in OpenSSL's order); <see cref="ClientCertificateCheckError.None"/> when accepted.</summary>
    public ClientCertificateCheckError Error { get; init; }

    /// <summary>Every error found, in OpenSSL's order; may be non-empty for an accepted <c>optional_no_ca</c> chain.</summary>
    public ImmutableArray<ClientCertificateCheckError> Errors { get; init; } = [];

    /// <summary>One sentence: why accepted or rejected.</summary>
    public required string Reason { get; init; }

    /// <summary>The chain OpenSSL would build: the client's certificate first, the trust anchor last when one was reached.</summary>
    public ImmutableArray<CertificateChainElement> Path { get; init; } = [];
}
