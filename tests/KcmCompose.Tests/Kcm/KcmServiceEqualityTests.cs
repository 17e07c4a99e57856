using System.Collections.Immutable;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

/// <summary>The list properties of the model are plain <see cref="ImmutableArray{T}"/>, and the records still compare them item by item.</summary>
public class KcmServiceEqualityTests
{
    [Test]
    public void Equals_ListsBuiltSeparatelyWithTheSameItems_AreEqualWithTheSameHashCode()
    {
        var proxy = KcmTestStacks.Base().Build().Proxy;

        var left = proxy with
        {
            Ports = [new PortBinding(PortBinding.AllInterfaces, 8443, 443)],
            ExtraMounts = [new ServiceMount("./extra.conf", ContainerPath.Of("/etc/extra.conf"))],
            ExtraEnvironment = [new EnvironmentEntry("A", EnvironmentValue.Literal("1"))],
        };
        var right = proxy with
        {
            Ports = ImmutableArray.Create(new PortBinding(PortBinding.AllInterfaces, 8443, 443)),
            ExtraMounts = ImmutableArray.Create(new ServiceMount("./extra.conf", ContainerPath.Of("/etc/extra.conf"))),
            ExtraEnvironment = ImmutableArray.Create(new EnvironmentEntry("A", EnvironmentValue.Literal("1"))),
        };

        left.Should().Be(right);
        left.GetHashCode().Should().Be(right.GetHashCode());
        KcmTestStacks.Base().Build().Should().Be(KcmTestStacks.Base().Build());
    }

    [Test]
    public void Equals_OneItemDiffers_AreNotEqual()
    {
        var proxy = KcmTestStacks.Base().Build().Proxy;

        (proxy with { Ports = [new PortBinding(PortBinding.AllInterfaces, 8443, 443)] })
            .Should().NotBe(proxy with { Ports = [new PortBinding(PortBinding.AllInterfaces, 9443, 443)] });
        (proxy with { ExtraEnvironment = [new EnvironmentEntry("A", EnvironmentValue.Literal("1"))] })
            .Should().NotBe(proxy with { ExtraEnvironment = [new EnvironmentEntry("A", EnvironmentValue.Literal("2"))] });
    }

    [Test]
    public void ListProperties_Unset_AreEmptyNotDefault()
    {
        var proxy = KcmTestStacks.Base().Build().Proxy with { ExtraMounts = default };

        proxy.ExtraMounts.IsDefault.Should().BeFalse();
        proxy.ExtraMounts.Should().BeEmpty();
    }

    [TestCase(typeof(KcmProxy), nameof(KcmProxy.Ports), typeof(ImmutableArray<PortBinding>))]
    [TestCase(typeof(KcmProxy), nameof(KcmProxy.ExtraMounts), typeof(ImmutableArray<ServiceMount>))]
    [TestCase(typeof(KcmService), nameof(KcmService.ExtraEnvironment), typeof(ImmutableArray<EnvironmentEntry>))]
    public void ListProperties_PublicType_IsImmutableArray(Type record, string property, Type expected)
    {
        record.GetProperty(property)!.PropertyType.Should().Be(expected);
    }
}
