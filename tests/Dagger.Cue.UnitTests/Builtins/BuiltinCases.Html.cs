namespace Dagger.Cue.UnitTests.Builtins;

internal static partial class BuiltinCases
{
    private static IEnumerable<BuiltinCase> Html() => Of(
        "html",
        """html.Escape("<a href=\"x\">Tom & Jerry's</a>")""",
        """html.Escape("")""",
        """html.Escape("héllo ✓ 😀")""",
        """html.Unescape("&lt;b&gt; &amp;amp; &quot;q&quot; &#39;s&#39;")""",
        """html.Unescape("&eacute;&Eacute;&nbsp;&copy;&euro;&hearts;")""",
        """html.Unescape("&amp &lt &gt &quot &copy &eacute")""",
        """html.Unescape("&ampx &notit; &notin; &copyright")""",
        """html.Unescape("&AMP; &LT &COPY; &QUOT")""",
        """html.Unescape("&#65;&#x42;&#X43;&#0068")""",
        """html.Unescape("&#128;&#x9F;&#0;&#xD800;&#x110000;")""",
        """html.Unescape("&#;&#x;&#xg;&#a;&#")""",
        """html.Unescape("&;&&unknown;&1;")""",
        """html.Unescape("&")""",
        """html.Unescape("a&b")""",
        """html.Unescape("no entities")""",
        """html.Unescape("&#99999999999;")""",
        """html.Unescape(html.Escape("<&>\"'"))""");
}
