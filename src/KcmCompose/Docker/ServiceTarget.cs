namespace KcmCompose.Docker;

/// <summary>One service of one Compose project.</summary>
/// <param name="Project">The normalised project name, as Compose derives it (see <see cref="Compose.ComposeProject.Name"/>).</param>
/// <param name="Service">The service name as written under <c>services:</c>.</param>
public sealed record ServiceTarget(string Project, string Service)
{
    /// <inheritdoc />
    public override string ToString() => $"{Project}/{Service}";
}
