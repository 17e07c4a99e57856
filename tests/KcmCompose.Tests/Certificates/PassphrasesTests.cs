using KcmCompose.Certificates;

namespace KcmCompose.Tests.Certificates;

public class PassphrasesTests
{
    [Test]
    public void Generate_IsLongRandomAndReadable()
    {
        var values = Enumerable.Range(0, 100).Select(_ => Passphrases.Generate()).ToList();

        values.Should().OnlyHaveUniqueItems();
        values.Should().AllSatisfy(v => v.Should().MatchRegex("^([0-9a-hjkmnp-tv-z]{5}-){5}[0-9a-hjkmnp-tv-z]{5}$"));
        Passphrases.GeneratedEntropyBits.Should().BeGreaterThanOrEqualTo(128);
    }

    [Test]
    public async Task ReadFileAsync_TakesFirstLineWithoutLineEnd()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "secret pass\r\nsecond line\n");
            (await Passphrases.ReadFileAsync(path)).Should().Be("secret pass");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task ReadFileAsync_EmptyFile_Refuses()
    {
        var path = Path.GetTempFileName();
        try
        {
            var act = () => Passphrases.ReadFileAsync(path);
            await act.Should().ThrowAsync<PkiException>().WithMessage("*empty*");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void FromEnvironment_Unset_Refuses()
    {
        var act = () => Passphrases.FromEnvironment("KCM_PKI_TEST_SURELY_UNSET");

        act.Should().Throw<PkiException>().WithMessage("*KCM_PKI_TEST_SURELY_UNSET*");
    }
}
