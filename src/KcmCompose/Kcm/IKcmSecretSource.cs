namespace KcmCompose.Kcm;

/// <summary>
/// Where new secrets for a stack's <c>.env</c> come from (<see cref="KcmEnvFile.EnsureAsync"/>): the default makes random
/// ones; a deployment pipeline can supply its own (from a vault, say). Asked only for variables the file lacks.
/// </summary>
public interface IKcmSecretSource
{
    /// <summary>A new value for <paramref name="variable"/>: one line, not empty.</summary>
    string CreateSecret(string variable);
}
