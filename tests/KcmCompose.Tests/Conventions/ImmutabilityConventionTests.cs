using System.Reflection;
using KcmCompose.Compose;

namespace KcmCompose.Tests.Conventions;

/// <summary>The public model is immutable: a value handed to a caller can never change under another.</summary>
public class ImmutabilityConventionTests
{
    private static readonly string[] ModelNamespaces = ["KcmCompose.Compose", "KcmCompose.Kcm", "KcmCompose.Validation"];

    private static IEnumerable<Type> PublicModelTypes() =>
        typeof(ComposeNode).Assembly.GetExportedTypes()
            .Where(t => t.Namespace is { } ns && ModelNamespaces.Contains(ns))
            .Where(t => !t.IsEnum && !t.IsInterface && !typeof(Delegate).IsAssignableFrom(t) && !typeof(Exception).IsAssignableFrom(t))
            .Where(t => !(t.IsAbstract && t.IsSealed)); // static classes hold no state

    [Test]
    public void PublicModelTypes_Exist()
    {
        PublicModelTypes().Should().Contain(typeof(ComposeMapping)).And.HaveCountGreaterThan(10);
    }

    [Test]
    public void PublicModelTypes_HaveNoPublicSetters()
    {
        var offenders = PublicModelTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                .Select(p => $"{t.FullName}.{p.Name}"))
            .ToList();

        offenders.Should().BeEmpty("public model types change through 'with' or builders, never through setters");
    }

    [Test]
    public void PublicModelTypes_HaveNoPublicMutableFields()
    {
        var offenders = PublicModelTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(f => !f.IsInitOnly && !f.IsLiteral)
                .Select(f => $"{t.FullName}.{f.Name}"))
            .ToList();

        offenders.Should().BeEmpty();
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit));
}
