using KcmCompose.Certificates;

namespace KcmCompose.Tests.Certificates;

public class CertificateSubjectTests
{
    [Test]
    public void Parse_AllFields_RoundTrips()
    {
        const string text = "/C=US/ST=Texas/L=Austin/O=Example/OU=Ops/CN=KCM Client CA/emailAddress=ops@example.com";

        var subject = CertificateSubject.Parse(text);

        subject.Country.Should().Be("US");
        subject.CommonName.Should().Be("KCM Client CA");
        subject.EmailAddress.Should().Be("ops@example.com");
        subject.ToString().Should().Be(text);
    }

    [Test]
    public void Parse_EscapedSlash_IsLiteral() =>
        CertificateSubject.Parse(@"/O=A\/B/CN=x").Organization.Should().Be("A/B");

    [TestCase("CN=x", "must start with '/'")]
    [TestCase("/XX=1", "not one of")]
    [TestCase("/C=USA", "two-letter")]
    [TestCase("/CN=", "no value")]
    [TestCase("/CN", "NAME=value")]
    public void Parse_Invalid_ThrowsNamingTheProblem(string text, string expected)
    {
        var act = () => CertificateSubject.Parse(text);

        act.Should().Throw<FormatException>().WithMessage($"*{expected}*");
    }
}
