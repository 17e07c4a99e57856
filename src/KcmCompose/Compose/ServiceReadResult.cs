using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>The outcome of <see cref="ComposeServices.Read"/>: every service that could be read, and every problem found.</summary>
/// <param name="Services">The services in file order; a service with problems is still listed with what could be read.</param>
/// <param name="Problems">Syntax problems (<c>invalid-type</c>, <c>invalid-port</c>, <c>invalid-volume</c>, <c>invalid-value</c>).</param>
internal sealed record ServiceReadResult(ImmutableArray<ComposeService> Services, ImmutableArray<ComposeProblem> Problems)
{
    /// <summary>The service named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public ComposeService? Find(string name) => Services.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
