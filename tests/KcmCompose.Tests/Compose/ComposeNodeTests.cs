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

    [TestCase(3)]
    [TestCase(ComposeMapping.IndexThreshold)]
    [TestCase(100)]
    public void Find_AfterIndexBuiltAndCopies_SeesEachCopysEntries(int size)
    {
        var mapping = ComposeMapping.Empty;
        for (var i = 0; i < size; i++)
        {
            mapping = mapping.Set("K" + i, new ComposeScalar(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        mapping.Find("K1")!.Value.Should().Be(new ComposeScalar("1"));
        var replaced = mapping.Set("K1", new ComposeScalar("x"));
        var removed = mapping.Remove("K0");
        var rebuilt = mapping with { Entries = [.. mapping.Entries.Reverse()] };
        var relocated = mapping with { Location = new SourceLocation("a.yml", 1, 1) };

        mapping["K1"].Should().Be(new ComposeScalar("1"));
        replaced["K1"].Should().Be(new ComposeScalar("x"));
        replaced.Entries.Select(e => e.Key.Value).Should().Equal(mapping.Entries.Select(e => e.Key.Value));
        removed["K0"].Should().BeNull();
        removed["K1"].Should().Be(new ComposeScalar("1"));
        removed.Set("K0", new ComposeScalar("0")).Entries[^1].Key.Value.Should().Be("K0");
        rebuilt.Find("K0").Should().BeSameAs(rebuilt.Entries[^1]);
        relocated["K" + (size - 1)].Should().Be(mapping["K" + (size - 1)]);
        mapping["missing"].Should().BeNull();
    }

    [Test]
    public void Find_DuplicateKeysBuiltByHand_FirstWinsAboveAndBelowIndexThreshold()
    {
        foreach (var padding in new[] { 0, ComposeMapping.IndexThreshold })
        {
            var entries = Enumerable.Range(0, padding).Select(i => new ComposeEntry(new ComposeScalar("P" + i), new ComposeScalar("p")))
                .Append(new ComposeEntry(new ComposeScalar("dup"), new ComposeScalar("first")))
                .Append(new ComposeEntry(new ComposeScalar("dup"), new ComposeScalar("second")));
            var mapping = new ComposeMapping([.. entries]);

            mapping["dup"].Should().Be(new ComposeScalar("first"));
            mapping.Remove("dup")["dup"].Should().Be(new ComposeScalar("second"));
        }
    }
}
