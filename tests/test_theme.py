"""The page frame comes from the installed theme, patched in a few checked places."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site import theme


def test_every_patch_applies_to_the_installed_theme() -> None:
    text = theme.patched_base()
    for patch in theme.PATCHES:
        assert patch.new in text
    assert 'autocomplete="off"' not in text.split("<body")[1].split("md-overlay")[0]


def test_a_patch_that_no_longer_applies_fails_by_name() -> None:
    changed = theme.installed_base().replace('id="__drawer" autocomplete="off"', 'id="__drawer"')
    with pytest.raises(theme.ThemeError, match="autocomplete is not allowed"):
        theme.patched_base(changed)


def test_the_site_links_the_installed_themes_own_assets(
    demo_site: Path,
) -> None:
    site = demo_site
    html = (site / "index.html").read_text(encoding="utf-8")
    local = re.findall(r'(?:href|src)="((?:\./)?assets/[^"]+)"', html)
    assert any(p.endswith(".css") for p in local) and any(p.endswith(".js") for p in local)
    missing = [p for p in local if not (site / p.removeprefix("./")).is_file()]
    assert missing == []
    base = theme.installed_base()
    for name in re.findall(r"'(assets/(?:stylesheets|javascripts)/[^']+\.min\.(?:css|js))'", base):
        assert name in html or "palette" in name or "workers" in name, name


def test_no_copy_of_the_themes_base_template_is_kept() -> None:
    overrides = Path(__file__).resolve().parents[1] / "site_templates" / "overrides"
    assert not (overrides / "base.html").exists()
