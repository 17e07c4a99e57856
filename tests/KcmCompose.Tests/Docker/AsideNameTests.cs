using KcmCompose.Docker;

namespace KcmCompose.Tests.Docker;

public class AsideNameTests
{
    [TestCase("kcm_ssl_1", "kcm_ssl_1", false)]
    [TestCase("kcm_ssl_1-kcm-old-0123456789ab", "kcm_ssl_1", true)]
    [TestCase("kcm_ssl_1-kcm-old-0123456789ab-kcm-old-ba9876543210", "kcm_ssl_1", true)]
    [TestCase("kcm-ssl-1-kcm-old-0123456789ab", "kcm-ssl-1", true)]
    public void NameBeforeAside_ContainerName_StripsEveryMarker(string name, string before, bool aside)
    {
        ComposeServiceUpdater.NameBeforeAside(name).Should().Be(before);
        ComposeServiceUpdater.IsAside(name).Should().Be(aside);
    }
}
