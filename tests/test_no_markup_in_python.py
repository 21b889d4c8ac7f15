"""No HTML or SVG built in Python strings in the site's code (#15): markup lives in templates.

The parts, the engine and the maps compute values (coordinates, labels, numbers formatted by
:mod:`generator.polish`); templates under ``site_templates/pages/`` lay them out, rendered
through :mod:`generator.site.templating` (autoescaped). The scan flags every string literal, or
literal part of an f-string, that starts with ``<`` and a letter: an element being written.
"""

from __future__ import annotations

import ast
import re
import struct
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
SCANNED = ("parts", "site", "geo")
MARKUP = re.compile(r"\s*</?[A-Za-z]")

# Markup in Python that is not assembly of the site's own pages, each with its reason.
ALLOWED = {
    # shell pages: the marker page mkdocs renders, cut at its markers (an <h1> the body takes),
    # and the sitemap entries of the pages filled into it
    "site/shells.py",
    # the sitemap mkdocs wrote is patched in place (<url>, <lastmod>): another tool's XML
    "site/sitemap.py",
    # checked patches of Material's own templates: the text to find and its replacement
    "site/theme.py",
    # the one raw-HTML block each page's body sits in, which Python-Markdown passes through
    # untouched; the engine also cuts bodies out of pages at it (PageText.body)
    "site/markdown_page.py",
    # standalone pages, already rendered from templates, cut at <style> and <body> and joined
    # into one WeasyPrint document, a page-break wrapper each (the PDF workers' batches)
    "parts/documents/pdf_worker.py",
    # the QR code's <svg> root, written by segno, gets its accessible name: an attribute added to
    # a third party's output (segno has no option for role and aria-label)
    "parts/documents/filled.py",
}


def is_struct_format(text: str) -> bool:
    """``"<I"`` (little-endian, for :mod:`struct`) is not an element."""
    try:
        struct.calcsize(text)
    except (struct.error, UnicodeEncodeError):
        return False
    return True


def markup_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each string literal in ``path`` that starts writing an element."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value[:40])
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and MARKUP.match(node.value)
        and not is_struct_format(node.value)
    ]


def offenders(root: Path = GENERATOR) -> dict[str, list[tuple[int, str]]]:
    found = {}
    for folder in SCANNED:
        for path in sorted((root / folder).rglob("*.py")):
            name = path.relative_to(root).as_posix()
            if name not in ALLOWED and (hits := markup_literals(path)):
                found[name] = hits
    return found


def test_no_markup_is_built_in_python_strings() -> None:
    assert offenders() == {}, "lay markup out in a template under site_templates/pages/"


def test_the_allowed_modules_still_need_it() -> None:
    for name in ALLOWED:
        path = GENERATOR / name
        assert path.is_file() and markup_literals(path), f"take {name} off ALLOWED"


def test_the_scan_sees_markup_in_strings_and_f_strings(tmp_path: Path) -> None:
    module = tmp_path / "site" / "rogue.py"
    module.parent.mkdir()
    module.write_text(
        '"""<b>A docstring may show markup.</b>"""\n'
        "def cell(v):\n"
        "    '''<td> in a docstring too.'''\n"
        "    a = f'<td class=\"x\">{v}</td>'\n"
        "    b = '</tr>'\n"
        "    c = text.replace('<', '&lt;')\n"
        "    d = '<' + 'p>'\n"
        "    e = struct.pack('<I', 1)\n"
        "    return f'{v}<br>'\n",
        encoding="utf-8",
    )
    hits = markup_literals(module)
    assert sorted({line for line, _ in hits}) == [4, 5, 9]
    assert offenders(tmp_path) == {"site/rogue.py": hits}
