using KcmCompose.Validation.Rules;
using Kind = KcmCompose.Validation.Rules.NginxSyntax.ProblemKind;

namespace KcmCompose.Tests.Validation;

/// <summary>
/// <see cref="NginxSyntax"/> reads ADDITIONAL_NGINX_CONFIG as nginx's <c>ngx_conf_read_token</c> does. The texts here are
/// nginx text (after Compose interpolation); the cases the first reader got wrong come first.
/// </summary>
public class NginxSyntaxTests
{
    private static Kind[] Kinds(string text) => NginxSyntax.Analyze(text).Problems.Select(p => p.Kind).ToArray();

    private static string[] Words(string text, int directive = 0) =>
        NginxSyntax.Analyze(text).Directives[directive].Words.Select(w => w.Value).ToArray();

    [Test]
    public void Analyze_DollarBraceThenSemicolon_EndsTheWordAtTheSemicolonAndTheBraceClosesTheLocation()
    {
        // nginx: word "${", ';' ends the directive, '}' closes the proxied location; the old reader skipped "${;}" as one variable.
        var analysis = NginxSyntax.Analyze("proxy_hide_header ${;}\nproxy_hide_header ${;}\nserver { listen 127.0.0.1:9; location / { return 200; } location x {");

        analysis.Problems.Should().ContainSingle().Which.Should().Be(new NginxSyntax.Problem(Kind.ClosesLocation, 21, '}', null));
        analysis.Directives.Should().ContainSingle().Which.Words.Select(w => w.Value).Should().Equal("proxy_hide_header", "${");
    }

    [TestCase("proxy_hide_header ${{x;", "${{x")]
    [TestCase("proxy_hide_header a${b}{c;", null)]
    [TestCase("proxy_hide_header ${a}};", "${a}}")]
    [TestCase("proxy_hide_header $${;", "$${")]
    public void Analyze_BraceRightAfterDollar_BelongsToTheWord(string text, string? word)
    {
        if (word is null)
        {
            // "a${b}{": after 'b' and '}' the variable is over, so '{' starts a block "proxy_hide_header a${b}" that is never closed.
            Kinds(text).Should().Equal(Kind.UnclosedBlock);
            return;
        }

        Kinds(text).Should().BeEmpty();
        Words(text).Should().Equal("proxy_hide_header", word);
    }

    [Test]
    public void Analyze_NoBreakSpaceBeforeHash_IsPartOfAWordNotAComment()
    {
        // The old reader took U+00A0 for whitespace, so "\u00A0# }" was a comment and the '}' balanced.
        Kinds("location /a {\n\u00A0# }\n}").Should().Equal(Kind.CloseInsideDirective);
        Words("proxy_hide_header \u00A0#x;").Should().Equal("proxy_hide_header", "\u00A0#x");
    }

    [Test]
    public void Analyze_NoBreakSpaceBetweenWords_GluesThemIntoOne()
    {
        Words("return\u00A0403;").Should().Equal("return\u00A0403");
        Words("proxy_hide_header\ta\r\nb;").Should().Equal("proxy_hide_header", "a", "b");
    }

    [TestCase("proxy_hide_header \"a\\\"}\";", "a\"}")]
    [TestCase("proxy_hide_header 'a\\'{';", "a'{")]
    [TestCase("proxy_hide_header \"a\\\\\";", "a\\")]
    [TestCase("proxy_hide_header \\\"a;", "\"a")]
    [TestCase("proxy_hide_header a\\;b;", "a\\;b")]
    [TestCase("proxy_hide_header a\\ b;", "a\\ b")]
    [TestCase("proxy_hide_header \"a\\tb\\n\";", "a\tb\n")]
    [TestCase("proxy_hide_header a\"b';", "a\"b'")]
    [TestCase("proxy_hide_header a};", "a}")]
    [TestCase("proxy_hide_header a#};", "a#}")]
    [TestCase("proxy_hide_header \"a; }\" ;", "a; }")]
    [TestCase("proxy_hide_header \"\";", "")]
    public void Analyze_QuotesAndEscapes_GiveTheWordNginxPassesOn(string text, string word)
    {
        Kinds(text).Should().BeEmpty();
        Words(text).Should().Equal("proxy_hide_header", word);
    }

    [TestCase("proxy_hide_header \"a\"b;", "UnexpectedAfterQuote", 21)]
    [TestCase("proxy_hide_header \"a\"#b;", "UnexpectedAfterQuote", 21)]
    [TestCase("proxy_hide_header \"a\"};", "UnexpectedAfterQuote", 21)]
    [TestCase("proxy_hide_header \"a;", "UnclosedQuote", 18)]
    [TestCase("proxy_hide_header 'a\\';", "UnclosedQuote", 18)]
    [TestCase("return 403", "Unterminated", 0)]
    [TestCase("return 403;\\", "Unterminated", 11)]
    [TestCase("return 403; # done", null, 0)]
    [TestCase("; return 403;", "MisplacedPunctuation", 0)]
    [TestCase("{ return 403; }", "MisplacedPunctuation", 0)]
    [TestCase("return 403 }", "CloseInsideDirective", 11)]
    [TestCase("location /a { } }", "UnexpectedClose", 16)]
    [TestCase("location /a {", "UnclosedBlock", 12)]
    [TestCase("types { text/x x { } }", "BlockInsideTypes", 17)]
    [TestCase("} location /b {", "ClosesLocation", 0)]
    [TestCase("# } \" '\nreturn 403;", null, 0)]
    public void Analyze_Text_FindsTheProblemNginxWouldHaveAtItsPlace(string text, string? kind, int offset)
    {
        var problems = NginxSyntax.Analyze(text).Problems;

        if (kind is null)
        {
            problems.Should().BeEmpty();
        }
        else
        {
            problems.Select(p => (p.Kind.ToString(), p.Offset)).Should().Equal((kind, offset));
        }
    }

    [TestCase(4095, false)]
    [TestCase(4096, true)]
    public void Analyze_LongWordOrComment_IsRefusedFrom4096Bytes(int length, bool refused)
    {
        Kinds("proxy_hide_header " + new string('a', length) + ";").Contains(Kind.TooLong).Should().Be(refused);
        Kinds("#" + new string('a', length - 1) + "\nreturn 403;").Contains(Kind.TooLong).Should().Be(refused);

        // U+00E9 is two bytes in UTF-8, as nginx counts.
        Kinds("proxy_hide_header " + new string('\u00e9', length / 2) + (length % 2 == 1 ? "a" : string.Empty) + ";").Contains(Kind.TooLong).Should().Be(refused);
    }

    [TestCase("listen 127.0.0.1:8443;", "listen")]
    [TestCase("server_name evil;", "server_name")]
    [TestCase("ssl_verify_client off;", "ssl_verify_client")]
    [TestCase("ssl_client_certificate /tmp/other.pem;", "ssl_client_certificate")]
    [TestCase("\"listen\" 8443;", "listen")]
    [TestCase("location /a { server { } }", "server")]
    [TestCase("if ($request_uri) { http { } }", "http")]
    [TestCase("upstream u { }", "upstream")]
    public void Analyze_DirectiveOfAnOuterLevel_IsReportedWithItsName(string text, string name)
    {
        NginxSyntax.Analyze(text).Problems.Should().ContainSingle().Which.Should().Match<NginxSyntax.Problem>(p => p.Kind == Kind.ForbiddenDirective && p.Name == name);
    }

    [Test]
    public void Analyze_Include_IsReportedWithItsFile()
    {
        NginxSyntax.Analyze("include /etc/nginx/extra.conf;").Problems.Should().ContainSingle()
            .Which.Should().Be(new NginxSyntax.Problem(Kind.Include, 0, '\0', "/etc/nginx/extra.conf"));
    }

    [Test]
    public void Analyze_NestedBlocks_AreReadAsATree()
    {
        var analysis = NginxSyntax.Analyze("location /a { if ($x) { return 403; } }\nreturn 200;");

        analysis.StaysInside.Should().BeTrue();
        analysis.Directives.Select(d => d.Name).Should().Equal("location", "return");
        analysis.Directives[0].Block!.Single().Block!.Single().Words.Select(w => w.Value).Should().Equal("return", "403");
    }

    [TestCase("if ($ssl_client_verify != SUCCESS) { return 403; }")]
    [TestCase("if ( $ssl_client_verify != \"SUCCESS\" ) {\n  add_header X-A b;\n  return 495 \"no certificate\";\n}")]
    [TestCase("if ($ssl_client_verify !~ ^SUCCESS$) { return 403; }")]
    [TestCase("if ($ssl_client_verify !~* ^success$) { return 403; }")]
    [TestCase("if ($ssl_client_verify = NONE) { return 403; }\nif ($ssl_client_verify ~ ^FAILED) { return 403; }")]
    [TestCase("# check first\nif ($ssl_client_verify != SUCCESS) { return 403; }\nlocation /a { if ($ssl_client_verify != SUCCESS) { return 403; } }")]
    public void EnforcesClientVerify_RefusingIf_IsTrue(string text) => NginxSyntax.EnforcesClientVerify(text).Should().BeTrue();

    [TestCase("# if ($ssl_client_verify != SUCCESS) { return 403; }", TestName = "EnforcesClientVerify_MentionInAComment_IsFalse")]
    [TestCase("add_header X-Note \"$ssl_client_verify\";", TestName = "EnforcesClientVerify_MentionInAString_IsFalse")]
    [TestCase("proxy_set_header X-SSL-Client-Verify $ssl_client_verify;", TestName = "EnforcesClientVerify_VariableForwardedOnly_IsFalse")]
    [TestCase("if ($ssl_client_verify = SUCCESS) { return 403; }", TestName = "EnforcesClientVerify_RefusingTheVerified_IsFalse")]
    [TestCase("if ($ssl_client_verify != SUCCESS) { return 200; }", TestName = "EnforcesClientVerify_SuccessfulReturn_IsFalse")]
    [TestCase("if ($ssl_client_verify != SUCCESS) { add_header X-A b; }", TestName = "EnforcesClientVerify_NoReturn_IsFalse")]
    [TestCase("if ($ssl_client_verify != SUCCESS) { break; return 403; }", TestName = "EnforcesClientVerify_BreakBeforeReturn_IsFalse")]
    [TestCase("break;\nif ($ssl_client_verify != SUCCESS) { return 403; }", TestName = "EnforcesClientVerify_BreakBeforeTheCheck_IsFalse")]
    [TestCase("if ($ssl_client_verify = NONE) { return 403; }", TestName = "EnforcesClientVerify_OnlyMissingCertificatesRefused_IsFalse")]
    [TestCase("if ($ssl_client_verify != SUCCESS) { return 403; }\nlocation /open { }", TestName = "EnforcesClientVerify_NestedLocationWithoutCheck_IsFalse")]
    [TestCase("location /a { if ($ssl_client_verify != SUCCESS) { return 403; } }", TestName = "EnforcesClientVerify_CheckOnlyInNestedLocation_IsFalse")]
    [TestCase("if (\"$ssl_client_verify\" != SUCCESS) { return 403; }", TestName = "EnforcesClientVerify_QuotedVariableNginxRefuses_IsFalse")]
    [TestCase("if ($ssl_client_verify != SUCCESS) { return 403; }\n}\nlocation /b {", TestName = "EnforcesClientVerify_TextThatEscapes_IsFalse")]
    [TestCase("if ($ssl_client_verify != SUCCESS) { return 403; } \"", TestName = "EnforcesClientVerify_TextNginxRefuses_IsFalse")]
    public void EnforcesClientVerify_Other_IsFalse(string text) => NginxSyntax.EnforcesClientVerify(text).Should().BeFalse();
}
