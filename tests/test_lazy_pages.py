"""Pages that grow with the register are rendered when written, not when collected (issue #9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import website
from generator.api import read_register
from generator.parts.documents.site import certificate_pages
from generator.site import build, templating
from generator.site.context import SiteContext
from generator.site.markdown_page import LazyPage, page, text_of
from tests.site_support import DEMO, DEMO_AS_OF


def test_a_lazy_page_is_the_page_it_renders():
    calls = []

    def body() -> str:
        calls.append(1)
        return "<h1>Klub</h1>\n\n\n<p>treść</p>\n"

    lazy = LazyPage({"title": "Klub"}, body)
    assert calls == []
    eager = page("Klub", "<h1>Klub</h1>\n\n\n<p>treść</p>\n")
    assert str(lazy) == eager and lazy == eager and text_of(lazy) == eager
    assert lazy.body == eager.body == "<h1>Klub</h1>\n<p>treść</p>"
    assert len(calls) == 4  # rendered each time, kept never
    assert text_of(b"pdf") == b"pdf"


def test_collecting_the_site_renders_no_page_of_a_club(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Club, certificate, register and facet pages are only rendered when the tree is written."""
    model = read_register(DEMO, DEMO_AS_OF)
    ctx = SiteContext(as_of=DEMO_AS_OF, register_root=DEMO, cache_dir=tmp_path / "cache")
    rendered: list[str] = []
    original = templating.render_at

    def spy(template: str, here: str, **context: object) -> str:
        rendered.append(here)
        return original(template, here, **context)

    monkeypatch.setattr(templating, "render_at", spy)
    parts = [p for p in website.PARTS if p.name in ("strony", "zasoby")]
    files = build.gather(model, ctx, parts)
    lazy = [p for p, c in files.items() if isinstance(c, LazyPage)]
    for kind in ("kluby/", "rejestr/", "wojewodztwa/"):
        assert any(p.startswith(kind) for p in lazy), kind
    certificates = certificate_pages(model, DEMO_AS_OF)
    assert isinstance(certificates["certyfikaty/KIS-22-2024-001/index.md"], LazyPage)
    assert not [here for here in rendered if here.startswith(("kluby/", "rejestr/"))]
    build.write_tree(tmp_path / "work", model, files, ctx)
    written = (tmp_path / "work/docs/kluby/kolbudy/index.md").read_text(encoding="utf-8")
    assert written == str(files["kluby/kolbudy/index.md"])
    assert "kluby/kolbudy/" in rendered
