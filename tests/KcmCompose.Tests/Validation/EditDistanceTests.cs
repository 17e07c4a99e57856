using KcmCompose.Validation.Rules;

namespace KcmCompose.Tests.Validation;

public class EditDistanceTests
{
    [TestCase("", "", 0)]
    [TestCase("", "abc", 3)]
    [TestCase("abc", "", 3)]
    [TestCase("ab", "ba", 1)]
    [TestCase("kitten", "sitting", 3)]
    [TestCase("ca", "abc", 3)]
    [TestCase("SSL_VERIFY_CLEINT", "SSL_VERIFY_CLIENT", 1)]
    [TestCase("SSL_VERIFY_DEPHT", "SSL_VERIFY_DEPTH", 1)]
    public void Between_KnownPairs_GivesOptimalStringAlignmentDistance(string a, string b, int expected)
    {
        EditDistance.Between(a, b).Should().Be(expected);
        EditDistance.Between(b, a).Should().Be(expected);
    }

    [Test]
    public void Between_RandomShortStrings_SameAsTheFullMatrix()
    {
        var random = new Random(20261203);
        for (var n = 0; n < 2_000; n++)
        {
            var a = RandomText(random);
            var b = RandomText(random);

            EditDistance.Between(a, b).Should().Be(Matrix(a, b), $"'{a}' vs '{b}'");
        }
    }

    private static string RandomText(Random random) =>
        new([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => "abcA_"[random.Next(5)])]);

    /// <summary>The textbook optimal string alignment recurrence over the whole matrix.</summary>
    private static int Matrix(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
