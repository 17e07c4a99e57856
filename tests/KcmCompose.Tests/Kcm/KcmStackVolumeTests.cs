using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public class KcmStackVolumeTests
{
    [TestCase(DatabaseKind.MySql, "kcm-db-data:/var/lib/mysql")]
    [TestCase(DatabaseKind.PostgreSql, "kcm-db-data:/var/lib/postgresql/data")]
    public void ToYaml_Default_MountsNamedVolumesAndDeclaresThem(DatabaseKind kind, string dataMount)
    {
        var root = (kind == DatabaseKind.MySql ? KcmTestStacks.Base() : KcmTestStacks.PostgresBase()).Build().ToComposeDocument().Root;

        var services = (ComposeMapping)root["services"]!;
        Volumes(services, "db").Should().Equal(dataMount);
        Volumes(services, "guacd").Should().Equal("kcm-guacamole:/var/lib/guacamole");
        Volumes(services, "guacamole").Should().Equal("kcm-guacamole:/var/lib/guacamole");
        var declared = (ComposeMapping)root["volumes"]!;
        declared.Entries.Select(e => e.Key.Value).Should().Equal("kcm-db-data", "kcm-guacamole");
        declared.Entries.Should().AllSatisfy(e => ((ComposeScalar)e.Value).Type.Should().Be(ScalarType.Null));
    }

    [Test]
    public void Build_VolumesSwitchedOff_WritesNoVolumes()
    {
        var stack = KcmTestStacks.Base().WithDataVolume(null).WithGuacamoleVolume(null).Build();

        stack.Database.DataVolume.Should().BeNull();
        stack.GuacamoleVolume.Should().BeNull();
        stack.ToYaml().Should().NotContain("volumes:");
    }

    [TestCase(DatabaseKind.MySql)]
    [TestCase(DatabaseKind.PostgreSql)]
    public void Read_EmittedStackWithVolumes_RoundTripsExactly(DatabaseKind kind)
    {
        var stack = (kind == DatabaseKind.MySql ? KcmTestStacks.Base() : KcmTestStacks.PostgresBase())
            .WithDataVolume("pgdata-1").WithGuacamoleVolume("shared.files").Build();
        stack = stack with { OtherTopLevel = ComposeMapping.Empty.Set("volumes", ComposeMapping.Empty.Set("other", ComposeScalar.Null)) };

        var result = KcmStackReader.Read(ComposeDocument.Parse(stack.ToYaml()));

        result.Problems.Should().BeEmpty();
        result.Stack.Should().Be(stack);
        result.Stack!.Database.DataVolume.Should().Be("pgdata-1");
        result.Stack.GuacamoleVolume.Should().Be("shared.files");
    }

    [Test]
    public void Read_BindMountedDataDirectory_KeepsItVerbatim()
    {
        var stack = KcmTestStacks.Base().WithDataVolume(null).WithGuacamoleVolume(null).Build();
        stack = stack with { Database = stack.Database with { OtherKeys = ComposeMapping.Empty.Set("volumes", new ComposeSequence([new ComposeScalar("./db:/var/lib/mysql")])) } };

        var read = KcmStackReader.Read(ComposeDocument.Parse(stack.ToYaml())).Stack!;

        read.Database.DataVolume.Should().BeNull();
        read.Should().Be(stack);
    }

    [Test]
    public void Read_SharedVolumeOnOneServiceOnly_KeepsItVerbatim()
    {
        var yaml = KcmTestStacks.Base().Build().ToYaml().Replace("      - kcm-guacamole:/var/lib/guacamole\n    environment:\n      ACCEPT_EULA: \"Y\"\n    restart", "    environment:\n      ACCEPT_EULA: \"Y\"\n    restart", StringComparison.Ordinal);

        var read = KcmStackReader.Read(ComposeDocument.Parse(yaml)).Stack!;

        read.GuacamoleVolume.Should().BeNull();
        read.Database.DataVolume.Should().Be("kcm-db-data");
        ((ComposeMapping)read.OtherTopLevel["volumes"]!).Find("kcm-guacamole").Should().NotBeNull();
    }

    [Test]
    public void Build_PostgreSql_SetsPostgresPasswordToTheDatabasePassword()
    {
        var stack = KcmTestStacks.PostgresBase().Build();

        stack.Database.PostgresPassword.Should().Be(EnvironmentValue.Literal("db-password-1"));
        stack.ToYaml().Should().Contain("POSTGRES_PASSWORD: db-password-1");
        KcmTestStacks.PostgresBase().WithPostgresPassword(EnvironmentValue.Literal("super")).Build().Database.PostgresPassword.Should().Be(EnvironmentValue.Literal("super"));
        KcmTestStacks.Base().Build().ToYaml().Should().NotContain("POSTGRES_PASSWORD");
    }

    [TestCase("bad name")]
    [TestCase("-dash")]
    public void Build_InvalidVolumeName_Throws(string name)
    {
        var act = () => KcmTestStacks.Base().WithDataVolume(name).Build();

        act.Should().Throw<KcmStackException>().WithMessage("*Volume name*");
    }

    [Test]
    public void Validate_SameNameForBothVolumes_IsAnError()
    {
        var act = () => KcmTestStacks.Base().WithDataVolume("v").WithGuacamoleVolume("v").Build();

        act.Should().Throw<KcmStackException>().WithMessage("*must differ*");
    }

    [Test]
    public void Validate_OtherTopLevelDeclaresModelVolume_IsAnError()
    {
        var stack = KcmTestStacks.Base().Build();
        stack = stack with { OtherTopLevel = ComposeMapping.Empty.Set("volumes", ComposeMapping.Empty.Set("kcm-db-data", ComposeScalar.Null)) };

        stack.Validate().Should().ContainSingle(p => p.Message.Contains("OtherTopLevel 'volumes'"));
    }

    [Test]
    public void Validate_PostgresPasswordOnMySql_IsAnError()
    {
        var stack = KcmTestStacks.Base().Build();
        stack = stack with { Database = stack.Database with { PostgresPassword = EnvironmentValue.Literal("x") } };

        stack.Validate().Should().ContainSingle(p => p.Message.Contains("PostgreSQL only"));
    }

    private static IEnumerable<string> Volumes(ComposeMapping services, string name) =>
        ((ComposeSequence)((ComposeMapping)services[name]!)["volumes"]!).Items.Select(i => ((ComposeScalar)i).Value);
}
