"""Pages for those founding a club: the two animation paths, a readiness self-check and the
cost-of-inaction worksheet (``zakladanie-klubu/``).

``site_files(register, ctx)`` follows the contract of :mod:`generator.site.context`. Texts are
content files in ``site_templates/pages/founding/`` (YAML, JSON) rendered by the Jinja2 templates
beside them; the criteria come from the register; the two scripts are in ``static/``. Styles:
``site_templates/assets/founding.css`` (published by :mod:`generator.parts.static`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.parts.founding import calculator, paths, selfcheck
from generator.parts.founding.links import form_urls
from generator.polish import number
from generator.register.model import Register
from generator.site.context import SiteContext
from generator.site.formats import relative_url
from generator.site.templating import TEMPLATES, render_page

CONTENT = TEMPLATES / "pages" / "founding"
STATIC = Path(__file__).with_name("static")
PAGE = "zakladanie-klubu/"
SELF_CHECK = "zakladanie-klubu/samoocena/"
CALCULATOR = "zakladanie-klubu/kalkulator/"
SELF_CHECK_JS = "assets/javascripts/kis-samoocena.js"
CALCULATOR_JS = "assets/javascripts/kis-kalkulator.js"


def content(name: str) -> dict[str, Any]:
    """A YAML content file of ``site_templates/pages/founding/``."""
    return yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))


def site_files(register: Register, ctx: SiteContext) -> dict[str, str | bytes]:
    forms = form_urls()
    advice = content("samoocena.yaml")
    check = selfcheck.checklist(register, advice, forms)
    spec = calculator.load_spec()
    return {
        PAGE + "index.md": paths_page(register, ctx, check),
        SELF_CHECK + "index.md": self_check_page(check),
        CALCULATOR + "index.md": calculator_page(spec),
        SELF_CHECK_JS: (STATIC / "kis-samoocena.js").read_text(encoding="utf-8"),
        CALCULATOR_JS: (STATIC / "kis-kalkulator.js").read_text(encoding="utf-8"),
    }


def paths_page(register: Register, ctx: SiteContext, check: selfcheck.Checklist) -> str:
    text = content("sciezki.yaml")
    return render_page(
        "founding/zakladanie.html", PAGE, "Zakładanie klubu",
        description="Jak założyć klub integracji społecznej: ścieżka administracyjna i ścieżka "
                    "lokalnego lidera, kroki, rekomendacje, samoocena i kalkulator zaniechania.",
        goals=text["cele"], paths=paths.animation_paths(register, ctx.as_of, text),
        check=check)


def self_check_page(check: selfcheck.Checklist) -> str:
    return render_page(
        "founding/samoocena.html", SELF_CHECK, "Samoocena gotowości klubu",
        description="Lista kontrolna minimalnego standardu KIS: sprawdź, które kryteria klub "
                    "już spełnia i co zrobić przed złożeniem wniosku o certyfikat.",
        check=check, script=relative_url(SELF_CHECK, SELF_CHECK_JS))


def calculator_page(spec: dict[str, Any]) -> str:
    rows, verdict = calculator.worked_example(spec)
    return render_page(
        "founding/kalkulator.html", CALCULATOR, "Kalkulator zaniechania",
        description="Arkusz dla gminy: ile kosztuje brak klubu integracji społecznej w porównaniu "
                    "z kosztem jego prowadzenia. Wzory i założenia przy wynikach.",
        spec=spec, script_data={k: v for k, v in spec.items() if not k.startswith("_")},
        rows=rows, verdict=verdict, script=relative_url(CALCULATOR, CALCULATOR_JS),
        values={i["id"]: number_attribute(i["default"]) for i in spec["inputs"]},
        defaults={i["id"]: calculator.with_unit(float(i["default"]), i["unit"])
                  for i in spec["inputs"]})


def number_attribute(x: float) -> str:
    """A number as typed in Polish into a calculator field: ``800``, ``12,5``, ``150 000``.

    The fields read it back with :func:`calculator.read_number` (and the script's twin)."""
    return number(float(x), 0, 6)
