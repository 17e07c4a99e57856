using System.Collections.Immutable;

namespace KcmCompose.Docker;

/// <summary>A container Compose created for a service.</summary>
/// <param name="Id">The full container id.</param>
/// <param name="Name">The container name without the leading slash.</param>
/// <param name="Project">The <c>com.docker.compose.project</c> label.</param>
/// <param name="Service">The <c>com.docker.compose.service</c> label.</param>
/// <param name="Image">The image as the container was created with it.</param>
/// <param name="State">Docker's state word: <c>running</c>, <c>exited</c>, <c>restarting</c>, ...</param>
/// <param name="Labels">All labels.</param>
internal sealed record ComposeContainer(
    string Id,
    string Name,
    string Project,
    string Service,
    string Image,
    string State,
    ImmutableDictionary<string, string> Labels)
{
    /// <summary>The first 12 characters of <see cref="Id"/>, as <c>docker ps</c> shows it.</summary>
    public string ShortId => Id.Length > 12 ? Id[..12] : Id;

    /// <summary>Whether the container is running.</summary>
    public bool IsRunning => State == "running";
}
