using System.Reflection;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public class KcmConventionTests
{
    private static IEnumerable<Type> PublicKcmTypes() =>
        typeof(KcmStack).Assembly.GetExportedTypes().Where(t => t.Namespace == "KcmCompose.Kcm");

    [Test]
    public void PublicModelTypes_AreRecordsWithoutPublicSetters()
    {
        var model = PublicKcmTypes().Where(t => !t.IsInterface && (t.IsClass && !t.IsAbstract || t.IsAbstract && !t.IsSealed))
            .Where(t => t != typeof(KcmStackBuilder) && !typeof(Exception).IsAssignableFrom(t))
            .ToList();

        model.Should().NotBeEmpty();
        foreach (var type in model)
        {
            type.GetMethod("<Clone>$").Should().NotBeNull($"{type.Name} should be a record");
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Should().Contain(typeof(System.Runtime.CompilerServices.IsExternalInit), $"{type.Name}.{property.Name} must be init-only");
            }
        }
    }

    [Test]
    public void Builder_HasNoPublicMutableState()
    {
        typeof(KcmStackBuilder).GetProperties(BindingFlags.Public | BindingFlags.Instance).Should().BeEmpty();
        typeof(KcmStackBuilder).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.StartsWith("With", StringComparison.Ordinal))
            .Should().OnlyContain(m => m.ReturnType == typeof(KcmStackBuilder));
    }
}
