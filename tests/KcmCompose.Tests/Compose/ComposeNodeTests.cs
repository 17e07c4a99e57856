using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

public class ComposeNodeTests
{
    [Test]
    public void Equals_DifferentLocations_AreEqual()
    {
        var a = new ComposeScalar("on") { Location = new SourceLocation("a.yml", 1, 1) };
        var b = new ComposeScalar("on") { Location = new SourceLocation("b.yml", 9, 3), Style = ScalarStyle.DoubleQuoted };

        a.Should().Be(b);
    }

    [Test]
    public void Equals_SameTextDifferentType_AreNotEqual()
    {
        new ComposeScalar("80", ScalarType.Integer).Should().NotBe(new ComposeScalar("80"));
    }

    [Test]
    public void Equals_MappingsWithEqualEntries_AreEqual()
    {
        var a = ComposeMapping.Empty.Set("image", new ComposeScalar("nginx")).Set("ports", new ComposeSequence([new ComposeScalar("80:80")]));
        var b = ComposeMapping.Empty.Set("image", new ComposeScalar("nginx")).Set("ports", new ComposeSequence([new ComposeScalar("80:80")]));

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Set("image", new ComposeScalar("busybox")).Should().NotBe(b);
    }

    [Test]
    public void Set_ExistingKey_ReplacesInPlace()
    {
        var mapping = ComposeMapping.Empty.Set("a", new ComposeScalar("1")).Set("b", new ComposeScalar("2")).Set("a", new ComposeScalar("3"));

        mapping.Entries.Select(e => e.Key.Value).Should().Equal("a", "b");
        mapping["a"].Should().Be(new ComposeScalar("3"));
        mapping.Remove("a").Entries.Should().ContainSingle();
        ImmutableArray<ComposeEntry> _ = mapping.Entries;
    }
}
