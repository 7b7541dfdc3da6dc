"""A layout as a web page the way government sites serve them: inline tags inside text, `&nbsp;`
for white space and in blank cells, rowspan/colspan for merged cells."""

from __future__ import annotations

import html
from pathlib import Path

from . import Layout, Paragraph
from .spans import anchors


def _text(text: str) -> str:
    # Wrap the first two characters in a span and write spaces as &nbsp;: the positions of
    # everything after must still be exact.
    escaped = html.escape(text).replace(" ", "&nbsp;")
    return f'<span style="font-family:仿宋">{escaped[:2]}</span>{escaped[2:]}' if len(text) > 2 else escaped


def to_html(layout: Layout) -> str:
    out = ['<!DOCTYPE html>', '<html><head><meta charset="utf-8"><title>报告</title>',
           "<script>var x = '<td>一、总体情况</td>';</script></head><body>",
           '<div class="nav">首页 &gt; 政务公开 &gt; 年度报告</div>', '<div class="article">']
    for item in layout.items:
        if isinstance(item, Paragraph):
            tag = {"title": "h1", "heading": "p", "body": "p"}[item.kind]
            out.append(f"<{tag}>{_text(item.text)}</{tag}>")
            continue
        out.append('<table border="1" cellspacing="0">')
        for row in anchors(item):
            cells = []
            for a in row:
                spans = (f' rowspan="{a.rowspan}"' if a.rowspan > 1 else "") + (
                    f' colspan="{a.colspan}"' if a.colspan > 1 else "")
                body = f'<p align="center">{_text(a.text)}</p>' if a.text else "&nbsp;"
                cells.append(f"<td{spans}>{body}</td>")
            out.append("<tr>\n  " + "\n  ".join(cells) + "\n</tr>")
        out.append("</table>")
    out.append("</div></body></html>")
    return "\n".join(out)


def write_html(layout: Layout, path: Path) -> Path:
    path.write_text(to_html(layout), encoding="utf-8")
    return path
