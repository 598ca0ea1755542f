"""A tiny, safe markdown subset for heroes.md: HTML out, no HTML in.

Every character of the source is escaped first; only then do the markdown marks become tags.
So raw HTML in the file shows as text, and nothing in it can run. Supported:

    # headings (1-4)      paragraphs        - or * or 1. lists       > quotes
    **bold**  *italic*  `code`  [text](https://...)  ![alt](picture.png)
    | tables | with | a header row |      --- rules

Links go only to http(s) and mailto addresses. Pictures are files inside the run directory,
inlined as data: URIs by the caller's `image` function (anything else shows its alt text).
"""

from __future__ import annotations

import html
import re
from typing import Callable

_INLINE = re.compile(
    r"(?P<code>`[^`]+`)"
    r"|!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)"
    r"|\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]+)\)"
    r"|\*\*(?P<bold>.+?)\*\*"
    r"|(?<![\w*])\*(?!\s)(?P<em>(?:\*\*[^*]+\*\*|[^*])+?)(?<!\s)\*(?![\w*])"
    r"|(?<!\w)_(?P<em2>[^_\s](?:[^_]*[^_\s])?)_(?!\w)"
)
_SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.I)
_RULE = re.compile(r"^\|?[\s:|-]+\|?$")  # the line under a table's header


def render(source: str, image: Callable[[str], str | None] = lambda src: None) -> str:
    """heroes.md as HTML; `image(src)` returns a data: URI for a picture, or None."""
    blocks: list[str] = []
    lines = source.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
        elif m := re.match(r"^(#{1,4})\s+(.*)$", stripped):
            level = len(m.group(1))
            blocks.append(f"<h{level + 1}>{_inline(m.group(2).rstrip('#').strip(), image)}</h{level + 1}>")
            i += 1
        elif re.match(r"^(-{3,}|\*{3,}|_{3,})$", stripped):
            blocks.append("<hr>")
            i += 1
        elif stripped.startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith("```"):
                j += 1
            blocks.append(f"<pre><code>{html.escape(chr(10).join(lines[i + 1:j]))}</code></pre>")
            i = j + 1
        elif stripped.startswith(">"):
            j = _run(lines, i, lambda s: s.startswith(">"))
            inner = " ".join(s.strip().lstrip(">").strip() for s in lines[i:j])
            blocks.append(f"<blockquote><p>{_inline(inner, image)}</p></blockquote>")
            i = j
        elif re.match(r"^([-*+]|\d+[.)])\s+", stripped):
            ordered = bool(re.match(r"^\d", stripped))
            j = _run(lines, i, lambda s: bool(re.match(r"^([-*+]|\d+[.)])\s+", s)) or s.startswith("  "),
                     raw=True)
            items: list[str] = []
            for s in lines[i:j]:
                if m := re.match(r"^\s*([-*+]|\d+[.)])\s+(.*)$", s):
                    items.append(m.group(2))
                elif items:
                    items[-1] += " " + s.strip()
            tag = "ol" if ordered else "ul"
            blocks.append(f"<{tag}>" + "".join(f"<li>{_inline(t, image)}</li>" for t in items) + f"</{tag}>")
            i = j
        elif stripped.startswith("|") and i + 1 < len(lines) and _RULE.match(lines[i + 1].strip()):
            j = _run(lines, i, lambda s: s.startswith("|"))
            blocks.append(_table(lines[i:j], image))
            i = j
        else:
            j = _run(lines, i, lambda s: bool(s) and not re.match(r"^(#{1,4}\s|>|```|\|)", s))
            blocks.append(f"<p>{_inline(' '.join(s.strip() for s in lines[i:j]), image)}</p>")
            i = j
    return "\n".join(blocks)


def _run(lines: list[str], start: int, keep: Callable[[str], bool], raw: bool = False) -> int:
    """The end of the block of lines from start on that `keep` accepts (at least one line)."""
    j = start + 1
    while j < len(lines) and lines[j].strip() and keep(lines[j] if raw else lines[j].strip()):
        j += 1
    return j


def _table(lines: list[str], image) -> str:
    def cells(line: str) -> list[str]:
        return [c.strip() for c in line.strip().strip("|").split("|")]

    head = "".join(f"<th>{_inline(c, image)}</th>" for c in cells(lines[0]))
    body = "".join("<tr>" + "".join(f"<td>{_inline(c, image)}</td>" for c in cells(line)) + "</tr>"
                   for line in lines[2:])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _inline(text: str, image) -> str:
    out: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        pos = m.end()
        if m.group("code"):
            out.append(f"<code>{html.escape(m.group('code')[1:-1])}</code>")
        elif m.group("src") is not None:
            uri = image(m.group("src"))
            alt = html.escape(m.group("alt"))
            out.append(f'<img src="{html.escape(uri)}" alt="{alt}">' if uri else alt)
        elif m.group("href") is not None:
            href = m.group("href")
            label = _inline(m.group("text"), image)
            out.append(f'<a href="{html.escape(href)}" rel="noopener noreferrer">{label}</a>'
                       if _SAFE_LINK.match(href) else label)
        elif m.group("bold") is not None:
            out.append(f"<strong>{_inline(m.group('bold'), image)}</strong>")
        else:
            out.append(f"<em>{_inline(m.group('em') or m.group('em2'), image)}</em>")
    out.append(html.escape(text[pos:]))
    return "".join(out)
