using KcmCompose.Kcm;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// <c>database-volume-missing</c>: a KCM database service whose data directory (<see cref="KcmDataDirectories"/>) is
/// not on a named volume or bind mount loses every connection, user and history when the container is removed.
/// </summary>
internal sealed class DatabaseVolumeRule : IValidationRule
{
    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        foreach (var view in context.Services)
        {
            if (view.Role != KcmServiceRole.Database || KcmImages.DatabaseOf(view.Image) is not { } kind)
            {
                continue;
            }

            var directory = KcmDataDirectories.Database(kind);
            var typed = context.TypedServices.FirstOrDefault(s => s.Name == view.Name);
            var persistent = typed is not null && typed.Volumes.Any(v =>
                v is { Type: Compose.VolumeMountType.Bind or Compose.VolumeMountType.Volume, Source.Length: > 0 }
                && (v.Target.TrimEnd('/') == directory || directory.StartsWith(v.Target.TrimEnd('/') + "/", StringComparison.Ordinal)));
            if (!persistent)
            {
                sink.Add(context.At(DiagnosticCatalog.DatabaseVolumeMissing, view.Key, view.Path, view.Name, view.Name, directory));
            }
        }
    }
}
