namespace KcmCompose.Docker;

/// <summary>One service of one Compose project.</summary>
/// <param name="Project">The normalised project name (see <see cref="Compose.ComposeProjectName"/>).</param>
/// <param name="Service">The service name as written under <c>services:</c>.</param>
public sealed record ServiceTarget(string Project, string Service)
{
    /// <inheritdoc />
    public override string ToString() => $"{Project}/{Service}";
}
