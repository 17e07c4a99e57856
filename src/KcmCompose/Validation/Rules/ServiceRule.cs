using System.Globalization;
using KcmCompose.Compose;

namespace KcmCompose.Validation.Rules;

/// <summary><c>invalid-restart</c>, <c>image-missing</c> and <c>duplicate-container-name</c>.</summary>
internal sealed class ServiceRule : IValidationRule
{
    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        var containerNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in context.Services)
        {
            if (service.Resolved.Find("restart") is { Value: ComposeScalar { Type: not ScalarType.Null } restart })
            {
                if (!IsRestartPolicy(restart.Value))
                {
                    sink.Add(context.At(DiagnosticCatalog.InvalidRestart, restart, service.Path + ".restart", restart.Value, restart.Value));
                }
            }

            if (service.Resolved["image"] is null && service.Resolved["build"] is null && service.Resolved["extends"] is null && service.Resolved["provider"] is null)
            {
                sink.Add(context.At(DiagnosticCatalog.ImageMissing, service.Key, service.Path, null, service.Name));
            }

            if (service.Resolved["container_name"] is ComposeScalar { Type: not ScalarType.Null } name)
            {
                if (containerNames.TryGetValue(name.Value, out var owner))
                {
                    sink.Add(context.At(DiagnosticCatalog.DuplicateContainerName, name, service.Path + ".container_name", name.Value, name.Value, owner));
                }
                else
                {
                    containerNames[name.Value] = service.Name;
                }
            }
        }
    }

    internal static bool IsRestartPolicy(string value)
    {
        if (value is "no" or "always" or "unless-stopped" or "on-failure")
        {
            return true;
        }

        const string prefix = "on-failure:";
        return value.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
