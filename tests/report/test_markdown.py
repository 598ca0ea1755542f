"""heroes.md becomes HTML, and nothing written in it can become markup of its own."""

from hyosan.report.markdown import render


def test_raw_html_is_text():
    out = render("# Heroes <script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> act.")
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out.startswith("<h2>Heroes ")


def test_the_subset():
    out = render(
        "## The bravest\n\n"
        "1. **Oh Joon-yeong** draws the horde *away*\n"
        "2. Lee Cheong-san holds `the door`\n\n"
        "- one\n- two\n\n"
        "> a quote\n\n"
        "| act | lives saved |\n|---|---:|\n| decoy | 12 |\n\n"
        "---\n"
    )
    assert "<h3>The bravest</h3>" in out
    assert "<ol><li><strong>Oh Joon-yeong</strong> draws the horde <em>away</em></li>" in out
    assert "<code>the door</code>" in out
    assert "<ul><li>one</li><li>two</li></ul>" in out
    assert "<blockquote><p>a quote</p></blockquote>" in out
    assert "<th>lives saved</th>" in out and "<td>12</td>" in out
    assert "<hr>" in out


def test_links_only_to_the_web_and_pictures_only_from_the_caller():
    out = render("[ok](https://example.org/a?b=1&c=2) [bad](javascript:alert(1)) "
                 "![map](map.png) ![far](../secret.png)",
                 image=lambda src: "data:image/png;base64,AAAA" if src == "map.png" else None)
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">ok</a>' in out
    assert "javascript" not in out and "bad" in out
    assert '<img src="data:image/png;base64,AAAA" alt="map">' in out
    assert "far" in out and "secret" not in out


def test_attribute_quotes_cannot_break_out():
    out = render('![x" onerror="alert(1)](map.png) [y](https://a.b/"onmouseover="alert(1))',
                 image=lambda src: "data:image/png;base64,AAAA")
    assert 'onerror="' not in out and '"onmouseover' not in out


def test_bold_inside_italics_as_the_heroes_article_writes_it():
    out = render("*0:12:00, music room. Lives saved: **+3.0** (90% interval +1.0 to +5.0).*")
    assert out == ("<p><em>0:12:00, music room. Lives saved: <strong>+3.0</strong> "
                   "(90% interval +1.0 to +5.0).</em></p>")
    assert render("a * b * c and 2*3*4") == "<p>a * b * c and 2*3*4</p>"
