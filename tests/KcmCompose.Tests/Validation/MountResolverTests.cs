using KcmCompose.Compose;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

public class MountResolverTests
{
    [TestCase("/certs/ca.pem", "/work/app/certs/ca.pem")]
    [TestCase("/certs/sub/ca.pem", "/work/app/certs/sub/ca.pem")]
    [TestCase("/etc/kcm/ca.pem", "/work/app/single.pem")]
    [TestCase("/home-certs/ca.pem", "/root-home/kcm/ca.pem")]
    public void Resolve_BindMounts_LongestTargetWins(string containerPath, string expected)
    {
        var mounts = Mounts("""
            services:
              ssl:
                volumes:
                  - ./certs:/certs:ro
                  - /data:/
                  - ./single.pem:/etc/kcm/ca.pem:ro
                  - type: bind
                    source: ~/kcm
                    target: /home-certs
            """);

        var resolution = MountResolver.Resolve(containerPath, mounts, "/work/app", "/root-home");

        resolution.Kind.Should().Be(MountResolutionKind.HostFile);
        resolution.HostPath.Should().Be(expected);
    }

    [Test]
    public void Resolve_NamedVolumeAndTmpfsAndNothing_AreNotHostFiles()
    {
        var mounts = Mounts("""
            services:
              ssl:
                volumes:
                  - certs:/certs
                  - type: tmpfs
                    target: /tmp
            """);

        MountResolver.Resolve("/certs/ca.pem", mounts, "/w", null).Kind.Should().Be(MountResolutionKind.NamedVolume);
        MountResolver.Resolve("/tmp/ca.pem", mounts, "/w", null).Kind.Should().Be(MountResolutionKind.EmptyVolume);
        MountResolver.Resolve("/etc/ca.pem", mounts, "/w", null).Kind.Should().Be(MountResolutionKind.NotMounted);
        MountResolver.Resolve("/certsX/ca.pem", mounts, "/w", null).Kind.Should().Be(MountResolutionKind.NotMounted);
    }

    [Test]
    public void ReadMounts_ShortSyntaxOptions_ReadOnlyDetected()
    {
        var mounts = Mounts("""
            services:
              ssl:
                volumes:
                  - ./a:/a:ro,z
                  - ./b:/b:rw
                  - ./c:/c
            """);

        mounts.Select(m => m.ReadOnly).Should().Equal(true, false, false);
        mounts[0].Location!.Value.Line.Should().Be(4);
    }

    private static System.Collections.Immutable.ImmutableArray<MountEntry> Mounts(string yaml)
    {
        var services = ComposeServices.Read(ComposeDocument.Parse(yaml)).Services;
        return MountResolver.FromTyped(services.Single(s => s.Name == "ssl").Volumes);
    }
}
