namespace KcmCompose.IntegrationTests.Infrastructure;

public class RequiresTests
{
    [Test]
    public void FindProgram_Sh_IsFound()
    {
        Requires.FindProgram("sh").Should().NotBeNull();
        Requires.FindProgram("no-such-program-kcm").Should().BeNull();
    }
}
