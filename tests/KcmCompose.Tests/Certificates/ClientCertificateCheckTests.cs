using KcmCompose.Certificates;
using Microsoft.Extensions.Time.Testing;

namespace KcmCompose.Tests.Certificates;

public class ClientCertificateCheckTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly Lazy<TestCertificate> Root = new(() => TestPki.Root("CN=Check Root", Now));
    private static readonly Lazy<TestCertificate> Intermediate = new(() => TestPki.Intermediate("CN=Check Intermediate", Root.Value, Now));
    private static readonly FakeTimeProvider Clock = new(Now.AddMinutes(1));

    [TestCase(0, false)]
    [TestCase(1, true)]
    [TestCase(2, true)]
    public void Evaluate_ClientSendsIntermediate_DepthDecides(int depth, bool accepted)
    {
        var client = TestPki.Client("CN=c", Intermediate.Value, Now);

        var result = Check(client.Pem + Intermediate.Value.Pem, Root.Value.Pem, depth);

        result.Accepted.Should().Be(accepted, result.Reason);
        if (!accepted)
        {
            result.Error.Should().Be(ClientCertificateCheckError.ChainTooLong);
        }
    }

    [Test]
    public void Evaluate_IntermediateOnlyInCaFile_RejectsWithUnableToGetIssuer()
    {
        var result = Check(TestPki.Client("CN=c", Intermediate.Value, Now).Pem, Intermediate.Value.Pem, 5);

        result.Accepted.Should().BeFalse();
        result.Error.Should().Be(ClientCertificateCheckError.UnableToGetIssuer);
    }

    [Test]
    public void Evaluate_OptionalNoCa_AcceptsUnknownIssuerButNotExpiry()
    {
        var stranger = TestPki.Root("CN=Stranger", Now);
        var unknown = TestPki.Client("CN=c", stranger, Now).Pem;
        var expiredUnknown = TestPki.Client("CN=old", stranger, Now, TimeSpan.FromDays(-10), TimeSpan.FromDays(-1)).Pem;

        Check(unknown, Root.Value.Pem, 1, ClientCertificateCheckMode.OptionalNoCa).Accepted.Should().BeTrue();
        Check(unknown, Root.Value.Pem, 1, ClientCertificateCheckMode.On).Accepted.Should().BeFalse();
        var expired = Check(expiredUnknown, Root.Value.Pem, 1, ClientCertificateCheckMode.OptionalNoCa);
        expired.Accepted.Should().BeFalse();
        expired.Error.Should().Be(ClientCertificateCheckError.Expired);
    }

    [Test]
    public void Evaluate_Off_AcceptsAnything()
    {
        var stranger = TestPki.Root("CN=Stranger", Now);
        Check(TestPki.Client("CN=c", stranger, Now).Pem, "garbage", 0, ClientCertificateCheckMode.Off).Accepted.Should().BeTrue();
    }

    [Test]
    public void Evaluate_UnloadableCaFile_RejectsBecauseNginxWouldNotStart()
    {
        var result = Check(TestPki.Client("CN=c", Root.Value, Now).Pem, "not pem", 1);

        result.Accepted.Should().BeFalse();
        result.Error.Should().Be(ClientCertificateCheckError.CaFileUnusable);
    }

    [Test]
    public void Evaluate_ServerAuthOnlyClient_RejectsWithInvalidPurpose()
    {
        var result = Check(TestPki.Client("CN=c", Root.Value, Now, clientAuth: false).Pem, Root.Value.Pem, 1);

        result.Error.Should().Be(ClientCertificateCheckError.InvalidPurpose);
    }

    [Test]
    public void Evaluate_WeakRootKey_RejectsWithKeyTooSmall()
    {
        var weak = TestPki.Root("CN=Weak", Now, TestPki.NewRsa(1024));

        Check(TestPki.Client("CN=c", weak, Now).Pem, weak.Pem, 1).Error.Should().Be(ClientCertificateCheckError.KeyTooSmall);
    }

    [Test]
    public void Evaluate_Sha1SignedClient_RejectsWithWeakSignature()
    {
        Check(TestPki.Client("CN=c", Root.Value, Now, signatureAlgorithm: "SHA1WITHRSA").Pem, Root.Value.Pem, 1)
            .Error.Should().Be(ClientCertificateCheckError.WeakSignature);
    }

    [Test]
    public void Evaluate_ClockAfterClientExpiry_Rejects()
    {
        var client = TestPki.Client("CN=c", Root.Value, Now, notAfterOffset: TimeSpan.FromDays(5));
        var later = new FakeTimeProvider(Now.AddDays(6));

        var result = ClientCertificateCheck.Evaluate(
            CertificateChain.Parse(TestPki.Bytes(client.Pem)), CaFile.Analyze(TestPki.Bytes(Root.Value.Pem)), 1, ClientCertificateCheckMode.On, later);

        result.Error.Should().Be(ClientCertificateCheckError.Expired);
    }

    [Test]
    public void Evaluate_Accepted_PathEndsAtTheRoot()
    {
        var result = Check(TestPki.Client("CN=c", Intermediate.Value, Now).Pem, Intermediate.Value.Pem + Root.Value.Pem, 1);

        result.Accepted.Should().BeTrue(result.Reason);
        result.Path.Select(c => c.Subject).Should().Equal("CN=c", "CN=Check Intermediate", "CN=Check Root");
    }

    [Test]
    public void Parse_DerClientCertificate_Works()
    {
        var client = TestPki.Client("CN=der", Root.Value, Now);

        CertificateChain.Parse(client.Der).Leaf.Subject.Should().Be("CN=der");
    }

    private static ClientCertificateCheckResult Check(string client, string caFile, int depth, ClientCertificateCheckMode mode = ClientCertificateCheckMode.On) =>
        ClientCertificateCheck.Evaluate(
            CertificateChain.Parse(TestPki.Bytes(client)), CaFile.Analyze(TestPki.Bytes(caFile)), depth, mode, Clock);
}
