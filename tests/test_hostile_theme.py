"""Markup in reference data, club names and the descriptor never reaches the site unescaped.

Issue 17: a voivodeship name with HTML was printed raw in the menu of every page (the theme's
``nav-item.html``), and Material's ``<title>`` turned ``&lt;`` typed in a name back into ``<``.
The register here is built without validation (which rejects some of these values), so the
templates themselves are tested: every HTML, SVG and XML file of the site is scanned.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from generator.register.build_model import build_register
from generator.site import build
from generator.validation.validate import validate
from generator.website import build_site
from tests.conftest import AS_OF
from tests.registers import make_base

# A raw tag, an attribute break-out, and the same written as entities (which a careless
# ``striptags`` or ``unescape`` turns into live markup).
HOSTILE = (
    '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    "&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;"
)
LIVE = re.compile(r"<script>alert|<img src=x|<\s*/title>\s*<script|onerror=alert\(1\)>", re.I)


def _edit_csv(path: Path, edit: dict[int, str], where: str = "") -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    for row in rows[1:]:
        if not where or row[0] == where:
            for column, value in edit.items():
                row[column] = value + row[column]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _hostile_register(root: Path) -> Path:
    make_base(root)
    # every voivodeship's name (menu, titles, maps) and certifying unit
    _edit_csv(root / "slowniki" / "wojewodztwa.csv", {1: HOSTILE, 5: HOSTILE})
    _edit_csv(root / "slowniki" / "typy_podmiotow.csv", {1: HOSTILE})
    _edit_csv(root / "wojewodztwa" / "pomorskie" / "kluby.csv", {1: HOSTILE, 3: HOSTILE})
    descriptor = root / "datapackage.yaml"
    data = yaml.safe_load(descriptor.read_text(encoding="utf-8"))
    data["title"] = HOSTILE + data["title"]
    data["description"] = HOSTILE + data["description"]
    data["licenses"][0]["title"] = HOSTILE + data["licenses"][0]["title"]
    descriptor.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _hostile_register(tmp_path_factory.mktemp("reg") / "register")

    def unvalidated(path: Path, as_of: object) -> object:
        return build_register(validate(path, AS_OF).raw)

    dest = tmp_path_factory.mktemp("site") / "site"
    patch = pytest.MonkeyPatch()
    patch.setattr(build, "read_register", unvalidated)
    try:
        build_site(root, dest, AS_OF)
    finally:
        patch.undo()
    return dest


def test_the_hostile_text_reaches_the_site(site: Path) -> None:
    """The scan below means something: the text is there, escaped, in menu and titles."""
    home = (site / "index.html").read_text(encoding="utf-8")
    escaped = "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
    alt = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert escaped in home or alt in home
    assert "&amp;lt;/title&amp;gt;" in home  # the entities stay entities (in the menu)


@pytest.mark.parametrize("suffix", [".html", ".svg", ".xml", ".atom"])
def test_no_markup_from_the_register_is_live(site: Path, suffix: str) -> None:
    found = [p for p in site.rglob(f"*{suffix}")]
    assert found or suffix == ".svg"
    for path in found:
        text = path.read_text(encoding="utf-8")
        match = LIVE.search(text)
        where = text[match.start() - 80 : match.end() + 40] if match else ""
        assert match is None, f"{path.relative_to(site)}: …{where}…"


def test_titles_keep_entities_as_text(site: Path) -> None:
    """``<title>`` shows what the register says, entities included, never a new element."""
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for title in re.findall(r"<title>(.*?)</title>", text, re.S):
            assert "<" not in title, f"{path.relative_to(site)}: {title}"


def test_json_keeps_the_value_exactly(site: Path) -> None:
    for path in site.rglob("*.json"):
        data = json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
        if "onerror" in data:
            assert "&lt;/title&gt;&lt;script&gt;alert(3)" in data, path  # not unescaped
