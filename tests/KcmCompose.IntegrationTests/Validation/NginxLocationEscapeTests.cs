using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using KcmCompose.IntegrationTests.Certificates;
using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Validation;
using KcmCompose.Validation.Rules;

namespace KcmCompose.IntegrationTests.Validation;

/// <summary>
/// <see cref="NginxSyntax"/> against real nginx: for thousands of generated ADDITIONAL_NGINX_CONFIG texts, "stays inside
/// the location" agrees with <c>nginx -t</c> on a configuration where the text sits in <c>location /kcm-original</c>
/// followed by a sentinel that nginx accepts only in that very block (a nested location under its path, then
/// <c>internal</c>, which a server refuses). The attack the first reader missed runs for real: it serves a second server.
/// </summary>
[NonParallelizable]
public class NginxLocationEscapeTests
{
    private const string Original = "/kcm-original";

    /// <summary>The attack as nginx reads it (one <c>$</c>; the compose file has <c>$$</c>).</summary>
    private const string Attack = "proxy_hide_header ${;}\nproxy_hide_header ${;}\n"
        + "server { listen 127.0.0.1:{PORT}; location / { proxy_hide_header a}; return 200; } location \u00A0#x {\n";

    private static readonly string[] _wordPieces =
    [
        "A", "Z9", "-", ".", "/x", ":", "}", "}}", "#", "$", "${", "${{", "$X", "$$", "\u00A0", "\\\"", "\\'", "\\\\", "\\;", "\\{",
        "\\}", "\\ ", "\\n", "\\t", "\"", "'", "(", ")",
    ];

    private static readonly string[] _quotedPieces = ["A", " ", ";", "{", "}", "'", "\"", "#", "\\\"", "\\'", "$", "${", "\u00A0", "\n", "\\"];

    private static readonly string[] _commentPieces = ["x", " ", "{", "}", "\"", "'", ";", "$ssl_client_verify", "\u00A0", "\\", "if ($ssl_client_verify != SUCCESS) { return 403; }"];

    private static readonly string[] _noise = ["{", "}", "\"", "'", "\\", ";", "#", "\u00A0", "$", "${", "$${", "}}", " ", "\n", ")"];

    private static readonly string[] _outer =
    [
        "}", "server {", "listen 127.0.0.1:18099;", "server_name evil;", "ssl_verify_client off;", "http {", "events { }",
        "} } server { listen 127.0.0.1:18098; location / { return 200; } location /z {", "} location /z {",
        "} if ($request_uri) {", "proxy_hide_header ${;}", "proxy_hide_header ${;} }", "location \u00A0#x {", "proxy_hide_header a};",
        "\u00A0# }", "proxy_hide_header \"${\"};", "proxy_hide_header '\\'}';", Attack.Replace("{PORT}", "18097", StringComparison.Ordinal),
    ];

    private static readonly string[] _verifyChecks =
    [
        "if ($ssl_client_verify != SUCCESS) { return 403; }", "if ( $ssl_client_verify != \"SUCCESS\" ) {\n  return 403;\n}",
        "if ($ssl_client_verify !~ ^SUCCESS$) { return 403; }", "if ($ssl_client_verify) { return 403; }",
    ];

    private static readonly Dictionary<string, string> _noVariables = new(StringComparer.Ordinal);

    private string folder = string.Empty;
    private string nginxPath = string.Empty;

    [OneTimeSetUp]
    public void SetUp()
    {
        nginxPath = Requires.Program("nginx", "/usr/sbin");
        folder = Directory.CreateTempSubdirectory("kcm-nginx-escape-").FullName;
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void StaysInside_GeneratedConfigs_AgreeWithNginx()
    {
        var corpus = Corpus().Array[4000].Single().Concat(LongWords()).ToList();
        var harness = new NginxHarness(nginxPath, Path.Combine(folder, "corpus"));
        var clock = Stopwatch.StartNew();
        var nginxSays = new bool[corpus.Count];
        var errors = new string[corpus.Count];
        Parallel.For(0, corpus.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var config = Path.Combine(folder, "corpus", $"case-{i}.conf");
            File.WriteAllText(config, harness.Config(Embedded(corpus[i], 18080)), new UTF8Encoding(false));
            var result = harness.Test(config);
            nginxSays[i] = result.ExitCode == 0;
            errors[i] = result.StandardError;
        });
        var nginxTime = clock.Elapsed;

        var disagreements = new ConcurrentBag<string>();
        int decided = 0, accepted = 0, unknown = 0;
        for (var i = 0; i < corpus.Count; i++)
        {
            var analysis = NginxSyntax.Analyze(corpus[i]);
            var validator = ComposeValidator.ValidateText(InComposeFile(corpus[i]), "docker-compose.yml", _noVariables);
            if (validator.Diagnostics.Any(d => d.Code.StartsWith("nginx-config", StringComparison.Ordinal)) == analysis.StaysInside)
            {
                disagreements.Add($"{Literal(corpus[i])}\n  the validator on the compose file disagrees with NginxSyntax ({analysis.StaysInside})");
            }

            var ours = analysis.StaysInside ? Oracle.Block(analysis.Directives, Original, inIf: false) : false;
            if (ours is null)
            {
                unknown++;
                continue;
            }

            decided++;
            accepted += nginxSays[i] ? 1 : 0;
            if (ours != nginxSays[i])
            {
                TestContext.Out.WriteLine($"disagreement: {Literal(corpus[i], int.MaxValue)}");
                disagreements.Add($"{Literal(corpus[i])}\n  ours: {ours} ({string.Join(", ", analysis.Problems)})\n  nginx: {errors[i].Trim()}");
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{corpus.Count} cases, {decided} decided ({accepted} accepted inside by nginx), {unknown} left to nginx's semantics, agreement {100.0 * (decided - disagreements.Count) / decided:F2}%, nginx -t runs {nginxTime.TotalSeconds:F1} s");
        TestContext.Out.WriteLine(summary);
        disagreements.Take(40).Should().BeEmpty(summary);
        decided.Should().BeGreaterThan(corpus.Count * 9 / 10, "the corpus is built so that nginx's semantics decide few cases");
        accepted.Should().BeGreaterThan(decided / 10, "enough texts are valid for the property to mean something");
        (decided - accepted).Should().BeGreaterThan(decided / 10, "enough texts are refused or escape");
    }

    [Test]
    public void Attack_NginxServesTheSecondServer_AndTheValidatorReportsAnError()
    {
        var harness = new NginxHarness(nginxPath, Path.Combine(folder, "attack"));
        int port = NginxHarness.FreePort(), second = NginxHarness.FreePort();
        var attack = Attack.Replace("{PORT}", second.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using (harness)
        {
            harness.Start(harness.Config(Embedded(attack, port, sentinel: false)), [port, second]);
            using var client = new HttpClient();
            using var response = client.GetAsync(new Uri($"http://127.0.0.1:{second}/")).GetAwaiter().GetResult();
            response.StatusCode.Should().Be(HttpStatusCode.OK, "the text opened a second server that needs no client certificate");
        }

        var yaml = $$"""
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                environment:
                  ACCEPT_EULA: "Y"
                  SSL_HOSTNAME: kcm.example.com
                  SELF_SIGNED: "Y"
                  CLIENT_CERTIFICATE_FILE: /etc/ssl/ca.pem
                  SSL_VERIFY_CLIENT: "on"
                  ADDITIONAL_NGINX_CONFIG: "{{attack.Replace("$", "$$", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\u00A0", "\\_", StringComparison.Ordinal)}}"
            """;
        var report = ComposeValidator.ValidateText(yaml, "docker-compose.yml", new Dictionary<string, string>(StringComparer.Ordinal));

        report.IsValid.Should().BeFalse();
        report.Diagnostics.Should().Contain(d => d.Code == "nginx-config-escapes-location" && d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>A KCM proxy whose ADDITIONAL_NGINX_CONFIG is <paramref name="nginxText"/>, escaped for Compose ($$) and for a YAML double-quoted scalar.</summary>
    private static string InComposeFile(string nginxText)
    {
        var scalar = new StringBuilder();
        foreach (var c in nginxText)
        {
            scalar.Append(c switch
            {
                '$' => "$$",
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u00A0' => "\\_",
                _ => c.ToString(),
            });
        }

        return "services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx:2\n    environment:\n      ACCEPT_EULA: \"Y\"\n"
            + "      SSL_HOSTNAME: kcm.example.com\n      SELF_SIGNED: \"Y\"\n      ADDITIONAL_NGINX_CONFIG: \"" + scalar + "\"\n";
    }

    /// <summary>The text in the proxied location, followed (as in the image) by a line break; with a sentinel that only that block accepts.</summary>
    private static string Embedded(string snippet, int port, bool sentinel = true) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
              server {
                listen 127.0.0.1:{{port}};
                location {{Original}} {
            {{snippet}}
            {{(sentinel ? $"location {Original}/zz-sentinel {{ return 204; }}\ninternal;" : string.Empty)}}
                }
              }

            """);

    private static Gen<string> Corpus()
    {
        var space = Gen.OneOf(" ", "\n", "\t", "  ", "\r\n", " \n  ");
        var word = Gen.OneOf(
            Gen.OneOf(_wordPieces).Array[1, 4].Select(string.Concat),
            Gen.OneOf(_quotedPieces).Array[0, 4].Select(p => "\"" + string.Concat(p) + "\""),
            Gen.OneOf(_quotedPieces).Array[0, 4].Select(p => "'" + string.Concat(p) + "'"));
        var hide = Gen.Select(space, word, Gen.OneOf("", " "), (s, w, t) => "proxy_hide_header" + s + w + t + ";");
        var ret = Gen.OneOf("return 403;", "return 200;", "return \"403\";", "return '444';", "return 40\\3;", "return 403 \"no\";", "return;");
        var comment = Gen.OneOf(_commentPieces).Array[0, 4].Select(p => "#" + string.Concat(p) + "\n");
        var leaf = Gen.Frequency(
            (6, hide), (3, ret), (2, Gen.OneOf(_verifyChecks)), (2, comment), (2, Gen.OneOf(_outer)), (1, Gen.OneOf(_noise)));
        var nested = Gen.Select(Gen.Int[0, 99], Gen.Select(leaf, space).Select(p => p.Item1 + p.Item2).Array[0, 3], (n, body) =>
            $"location {Original}/x{n} {{\n{string.Concat(body)}}}");
        var statement = Gen.Frequency((8, leaf), (1, nested));
        var snippet = Gen.Select(statement, space).Select(p => p.Item1 + p.Item2).Array[1, 6].Select(string.Concat);
        var mutation = Gen.Select(Gen.Double[0, 1], Gen.OneOf(_noise));
        return Gen.Select(snippet, mutation.Array[0, 2], Gen.Int[0, 2], (text, edits, count) =>
        {
            foreach (var (where, insert) in edits.Take(count))
            {
                var at = (int)(where * text.Length);
                text = text.Insert(at, insert);
            }

            return text;
        });
    }

    /// <summary>Words and comments either side of nginx's 4096-byte limit.</summary>
    private static IEnumerable<string> LongWords()
    {
        foreach (var length in new[] { 4094, 4095, 4096, 4097 })
        {
            yield return "return 403 " + new string('a', length) + ";";
            yield return "return 403 \"" + new string('a', length) + "\";";
            yield return "#" + new string('a', length - 1) + "\nreturn 403;";
            yield return "return 403 " + new string('\u00e9', length / 2) + ";";
        }
    }

    private static string Literal(string text, int limit = 300)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                '\u00A0' => "\\u00A0",
                _ => c.ToString(),
            });
        }

        builder.Append('"');
        return builder.Length > limit ? builder.ToString(0, 150) + $"...({text.Length} characters)..." + builder.ToString(builder.Length - 150, 150) : builder.ToString();
    }

    /// <summary>
    /// Whether nginx accepts the directives read inside a location, for the directives the corpus uses; null where
    /// only nginx's deeper rules (variables in values, regular expressions, other location kinds) would tell.
    /// </summary>
    private static class Oracle
    {
        public static bool? Block(IReadOnlyList<NginxSyntax.Directive> directives, string location, bool inIf)
        {
            var unknown = false;
            var siblings = new HashSet<string>(StringComparer.Ordinal);
            foreach (var directive in directives)
            {
                var verdict = One(directive, location, inIf, siblings);
                if (verdict == false)
                {
                    return false;
                }

                unknown |= verdict is null;
            }

            return unknown ? null : true;
        }

        private static bool? One(NginxSyntax.Directive d, string location, bool inIf, HashSet<string> siblings)
        {
            var args = d.Words.Skip(1).Select(w => w.Value).ToList();
            switch (d.Name)
            {
                case "proxy_hide_header":
                    // The names go into a hash with 64-byte buckets: 8 + align8(length + 2) + 8 bytes must fit.
                    return !inIf && d.Block is null && args.Count == 1 && Encoding.UTF8.GetByteCount(args[0]) <= 46;
                case "return":
                    if (d.Block is not null || args.Count is < 1 or > 2 || !IsCode(args[0]))
                    {
                        return false;
                    }

                    return args.Count == 1 || !args[1].Contains('$', StringComparison.Ordinal) ? true : null;
                case "if":
                    return inIf || d.Block is null ? false : And(Condition(d), Block(d.Block, location, inIf: true));
                case "location":
                    if (inIf || d.Block is null || args.Count is < 1 or > 2)
                    {
                        return false;
                    }

                    if (args.Count == 2)
                    {
                        return args[0] is "=" or "~" or "~*" or "^~" ? null : false;
                    }

                    if (!args[0].StartsWith(location, StringComparison.Ordinal))
                    {
                        return args[0].StartsWith('~') || args[0].StartsWith('=') ? null : false;
                    }

                    return siblings.Add(args[0]) ? Block(d.Block, args[0], inIf: false) : false;
                default:
                    return false;
            }
        }

        private static bool? Condition(NginxSyntax.Directive d)
        {
            var terms = NginxSyntax.ConditionTerms(d.Words);
            if (terms is null || terms.Count == 0)
            {
                return false;
            }

            if (terms[0].Length < 2 || terms[0][0] != '$')
            {
                return terms[0].Length is 2 or 3 && terms[0].Contains('-', StringComparison.Ordinal) ? null : false;
            }

            if (terms[0] is not ("$ssl_client_verify" or "$request_uri"))
            {
                return char.IsAsciiDigit(terms[0][1]) ? null : false;
            }

            if (terms.Count == 1)
            {
                return true;
            }

            if (terms.Count != 3)
            {
                return false;
            }

            return terms[1] switch
            {
                "=" or "!=" => terms[2].Contains('$', StringComparison.Ordinal) ? null : true,
                "~" or "~*" or "!~" or "!~*" => terms[2].TrimStart('^').TrimEnd('$').All(char.IsAsciiLetterOrDigit) ? true : null,
                _ => false,
            };
        }

        private static bool IsCode(string text) =>
            text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) <= 999;

        private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a is null || b is null ? null : true;
    }
}
