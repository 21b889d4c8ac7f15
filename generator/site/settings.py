"""``site_templates/serwis.yaml``: the publisher's details (accessibility statement, footer)."""

from __future__ import annotations

from functools import cache

import yaml

from generator.site.templating import TEMPLATES

SETTINGS = TEMPLATES / "serwis.yaml"


def site_settings() -> dict[str, object]:
    """The settings as they are on disk now (re-read when the file changes, e.g. in preview)."""
    return _read(SETTINGS.stat().st_mtime_ns)


@cache
def _read(mtime_ns: int) -> dict[str, object]:
    del mtime_ns  # cache key only
    return yaml.safe_load(SETTINGS.read_text(encoding="utf-8"))
