using System.Collections.Immutable;

namespace KcmCompose.Kcm;

/// <summary>What <see cref="KcmEnvFile.EnsureAsync"/> did to a <c>.env</c>.</summary>
/// <param name="Path">The full path of the file.</param>
/// <param name="Created">Whether the file did not exist and was created (0600).</param>
/// <param name="Added">The variables added, with new values from the secret source; empty when the file already held all of them.</param>
/// <param name="Kept">The variables the file already defined, left exactly as they were.</param>
public sealed record KcmEnvFileResult(string Path, bool Created, ImmutableArray<string> Added, ImmutableArray<string> Kept)
{
    /// <summary>Whether the file was created or changed.</summary>
    public bool Changed => Created || !Added.IsEmpty;
}
