"""HTML and Markdown to plain text: blocks on their own lines, inline markup reduced to its
words, scripts and code dropped, tables kept as pipe tables; malformed markup never raises or
hangs (two cases found by benchmarks/fuzz.py)."""
from dyadline.pipeline.markup import html_to_text, looks_like_html, markdown_to_text
from dyadline.pipeline.read import parse_tables

PAGE = """<!DOCTYPE html><html><head><title>X</title><style>p{color:red}</style><script>var a=1;</script></head>
<body><h1>Chile&ndash;Peru relations</h1><p>In 1929 <a href="x">Chile</a> and <b>Peru</b> signed a treaty.<br>New line.</p>
<table class=infobox><tr><th>Chile</th><td>Peru</td></tr><tr><td>Embassy <i>Lima</i></td><td>Embassy | Santiago</td></tr></table>
<ul><li>One</li><li>Two</li></ul><p>Last &amp; final.</body></html>"""


def test_html_page_to_text():
    assert looks_like_html(PAGE)
    text = html_to_text(PAGE)
    assert text == ("Chile–Peru relations\n\nIn 1929 Chile and Peru signed a treaty.\nNew line.\n\n"
                    "| Chile | Peru |\n|---|---|\n| Embassy Lima | Embassy / Santiago |\n\nOne\nTwo\n\nLast & final.\n")
    [table] = parse_tables(text)
    assert [[c.text for c in row] for row in table.rows] == [["Chile", "Peru"], ["Embassy Lima", "Embassy / Santiago"]]


def test_plain_text_with_a_few_angle_brackets_is_not_html():
    assert not looks_like_html("Relations were tense (1 < 2) and trade fell by > 10 %.\n" * 5)


def test_markdown_to_text():
    md = ("# Title\n\nChile **signed** a [treaty](http://x) with\nPeru in 1929.\n\n| a | b |\n|---|---|\n"
          "| *x* | y |\n\n- item one\n- item two\n\n```\nChile threatened Peru\n```\n<div>Some <b>html</b></div>\n")
    assert markdown_to_text(md) == ("Title\n\nChile signed a treaty with Peru in 1929.\n\n| a | b |\n|---|---|\n"
                                    "| x | y |\n\nitem one\nitem two\n\nSome html\n")


def test_malformed_declaration_is_read_as_text():
    text = html_to_text("C<b>e fut<![CDATune</div> période d'incertitude<table><br/><ul>nts.<td></a>")
    assert "période d'incertitude" in text


def test_unclosed_svg_inside_a_table_ends():
    text = html_to_text("<div>Le 10 novembre 1961<table>l'Union soviétique<SVG> et l'Équateur</div><p>fin")
    assert text.startswith("Le 10 novembre 1961")
