namespace KcmCompose.Docker;

/// <summary>One way the running container differs from the file.</summary>
/// <param name="Aspect">The part of the configuration.</param>
/// <param name="Name">What exactly: the variable name, the mount target, the port, ...</param>
/// <param name="Expected">The value the file asks for, <see langword="null"/> when the file does not have it.</param>
/// <param name="Actual">The value the container has, <see langword="null"/> when it does not have it.</param>
public sealed record ConfigurationDifference(ConfigurationAspect Aspect, string Name, string? Expected, string? Actual)
{
    /// <inheritdoc />
    public override string ToString() => $"{Aspect} {Name}: {Actual ?? "(none)"} -> {Expected ?? "(none)"}";
}
