"""Hand-written parts of the site: stylesheets, scripts and Markdown pages in ``site_templates/``.

- ``site_templates/assets/<file>`` → ``assets/kis/<file>`` (listed in ``extra_css`` /
  ``extra_javascript`` of ``mkdocs.yml``);
- ``site_templates/content/<path>`` → ``<path>``, e.g. ``zglaszanie-zmian/index.md``.
"""

from __future__ import annotations

from generator.register.model import Register
from generator.site.context import SiteContext
from generator.site.templating import TEMPLATES

ASSETS = TEMPLATES / "assets"
CONTENT = TEMPLATES / "content"
ASSETS_URL = "assets/kis"


def site_files(register: Register, ctx: SiteContext) -> dict[str, str | bytes]:
    del register, ctx  # the same for every register
    files: dict[str, str | bytes] = {}
    for folder, prefix in ((ASSETS, ASSETS_URL + "/"), (CONTENT, "")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.name.startswith(".") or path.name.endswith("~"):
                continue
            files[prefix + path.relative_to(folder).as_posix()] = path.read_bytes()
    return files
