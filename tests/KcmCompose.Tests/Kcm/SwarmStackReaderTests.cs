using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

/// <summary>The reader on a stack file: a CA delivered by a config is not "not mounted".</summary>
public class SwarmStackReaderTests
{
    [Test]
    public async Task Read_EmittedStackWithCaConfig_NoClientCaNotMounted()
    {
        var folder = Directory.CreateTempSubdirectory("kcm-swarm-reader-").FullName;
        try
        {
            var ca = Path.Combine(folder, "ca.pem");
            await File.WriteAllTextAsync(ca, "CA");
            var document = await KcmTestStacks.Base().WithTls(TlsMode.SelfSigned).WithClientCa(ca).Build().ToSwarmDocumentAsync();

            var result = KcmStackReader.Read(document);

            result.Problems.Select(p => p.Code).Should().NotContain(KcmProblemCodes.ClientCaNotMounted);
            result.Stack!.Proxy.ClientAuthentication!.CaFile.Value.Should().Be(ClientAuthentication.DefaultCaPath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
