"""Markup to plain text, for the reading stage: HTML (parsed by the standard library's
tolerant ``html.parser``) and Markdown (parsed by ``markdown-it-py``).

The text keeps what the pipeline needs: one block (paragraph, heading, list item) per line
with a blank line between paragraphs, inline markup (links, emphasis, code) reduced to its
words, scripts, styles and code blocks dropped, and tables written as Markdown pipe tables,
which the reading stage turns into :class:`~dyadline.model.Table` (an HTML infobox gives facts
as a Markdown one does).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote",
           "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "figure",
           "figcaption", "address", "table", "caption", "hr", "pre", "form", "fieldset", "nav",
           "details", "summary", "body", "html"}
_DROPPED = {"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object",
            "canvas", "select", "textarea", "button"}
_SPACES = re.compile(r"[ \t\r\f\v]+")
_MANY_BREAKS = re.compile(r"\n{3,}")
_LOOKS_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|br|span|a|b|i|em|strong|h[1-6]|li|ul|table|tr|td)\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """An HTML page (whatever its file name): a doctype or html/head/body tag at the start, or
    markup tags more frequent than one per 200 characters."""
    head = text[:4000]
    if _LOOKS_HTML.match(head):
        return True
    tags = len(_TAG.findall(head))
    return tags >= 5 and tags * 200 > len(head)


def _cell(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\n", " ").replace("|", "/")).strip()


def _table_lines(rows: list[list[str]]) -> list[str]:
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(1, "|" + "---|" * width)
    return lines


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []        # finished lines and blank-line markers ("")
        self.line: list[str] = []
        self.dropped = 0
        self.pre = 0
        self.tables: list[dict] = []    # open tables: rows and the current row and cell

    # -- helpers -----------------------------------------------------------------------
    def _flush(self, blank: bool = False) -> None:
        text = "".join(self.line)
        text = text if self.pre else _SPACES.sub(" ", text).strip()
        if text:
            self.out.extend(text.split("\n") if self.pre else [text])
        self.line = []
        if blank and self.out and self.out[-1] != "":
            self.out.append("")

    def _cell_target(self) -> list[str] | None:
        if self.tables and self.tables[-1]["cell"] is not None:
            return self.tables[-1]["cell"]
        return None

    def _emit(self, text: str) -> None:
        cell = self._cell_target()
        (cell if cell is not None else self.line).append(text)

    # -- parser callbacks --------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self.dropped += 1
            return
        if self.dropped:
            return
        if tag == "table":
            self._flush(blank=True)
            self.tables.append({"rows": [], "row": None, "cell": None})
        elif self.tables and tag == "tr":
            t = self.tables[-1]
            t["row"] = []
            t["rows"].append(t["row"])
        elif self.tables and tag in ("td", "th"):
            t = self.tables[-1]
            if t["row"] is None:
                t["row"] = []
                t["rows"].append(t["row"])
            t["cell"] = []
        elif tag == "br":
            self._emit(" " if self._cell_target() is not None else "\n")
            if self._cell_target() is None:
                self._flush()
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self._emit(alt)
        elif tag in _BLOCKS and self._cell_target() is None:
            if tag == "pre":
                self._flush(blank=True)
                self.pre += 1
            else:
                self._flush(blank=tag not in ("li", "dt", "dd"))
        elif self._cell_target() is not None and tag in _BLOCKS:
            self._emit(" ")

    def handle_endtag(self, tag):
        if tag in _DROPPED:
            self.dropped = max(0, self.dropped - 1)
            return
        if self.dropped:
            return
        if tag in ("td", "th") and self.tables:
            t = self.tables[-1]
            if t["cell"] is not None and t["row"] is not None:
                t["row"].append(_cell("".join(t["cell"])))
            t["cell"] = None
        elif tag == "tr" and self.tables:
            self.tables[-1]["row"] = None
        elif tag == "table" and self.tables:
            t = self.tables.pop()
            lines = _table_lines(t["rows"])
            if self.tables and self.tables[-1]["cell"] is not None:   # nested: flatten into the cell
                self.tables[-1]["cell"].append(" ".join(lines[:1] + lines[2:]).replace("|", " "))
                return
            self._flush()
            self.out.extend(lines)
            self.out.append("")
        elif tag == "pre":
            self._flush(blank=True)
            self.pre = max(0, self.pre - 1)
        elif tag in _BLOCKS and self._cell_target() is None:
            self._flush(blank=tag not in ("li", "dt", "dd"))

    def handle_data(self, data):
        if not self.dropped:
            self._emit(data)

    def text(self) -> str:
        self.dropped = self.pre = 0        # unclosed <svg>, <pre>, tables: closed here
        while self.tables:
            n = len(self.tables)
            self.handle_endtag("table")
            if len(self.tables) >= n:      # never loop: drop what could not be closed
                self.tables.pop()
        self._flush()
        return _MANY_BREAKS.sub("\n\n", "\n".join(self.out)).strip() + "\n"


def html_to_text(html: str) -> str:
    """The readable text of an HTML page (see the module's docstring)."""
    p = _HtmlText()
    try:
        p.feed(html)
        p.close()
    except AssertionError:
        # html.parser gives up on some malformed declarations ("<![CDATune"): read them as text
        p = _HtmlText()
        p.feed(html.replace("<!", "&lt;!"))
        p.close()
    return p.text()


_MD = MarkdownIt("commonmark").enable("table")


def _inline(token) -> str:
    parts = []
    for c in token.children or []:
        if c.type in ("text", "code_inline"):
            parts.append(c.content)
        elif c.type == "softbreak":
            parts.append(" ")
        elif c.type == "hardbreak":
            parts.append("\n")
        elif c.type == "image":
            parts.append(_inline(c))
        elif c.type == "html_inline":
            continue
    return "".join(parts)


def markdown_to_text(md: str) -> str:
    """The text of a Markdown document (see the module's docstring)."""
    out: list[str] = []
    rows: list[list[str]] | None = None
    row: list[str] | None = None
    in_cell = False
    for tok in _MD.parse(md):
        t = tok.type
        if t == "table_open":
            rows = []
        elif t == "table_close" and rows is not None:
            out.extend(_table_lines(rows))
            out.append("")
            rows = None
        elif t == "tr_open" and rows is not None:
            row = []
            rows.append(row)
        elif t in ("th_open", "td_open"):
            in_cell = True
        elif t in ("th_close", "td_close"):
            in_cell = False
        elif t == "inline":
            text = _inline(tok)
            if in_cell and row is not None:
                row.append(_cell(text))
            elif text.strip():
                out.extend(x.strip() for x in text.split("\n"))
        elif t in ("paragraph_close", "heading_close", "bullet_list_close", "ordered_list_close",
                   "blockquote_close", "hr"):
            if out and out[-1] != "" and not tok.hidden:
                out.append("")
        elif t == "html_block":
            out.append(html_to_text(tok.content).strip())
            out.append("")
        # fences and indented code are not prose: dropped
    return _MANY_BREAKS.sub("\n\n", "\n".join(out)).strip() + "\n"
