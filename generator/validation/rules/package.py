"""The package lists exactly the resources the voivodeship table implies."""

from __future__ import annotations

from collections.abc import Iterator

from generator.problems import Problem, problem
from generator.register.load import DESCRIPTOR, RawRegister, display_path
from generator.validation.rules import Context

REFERENCE_RESOURCES = ("wojewodztwa", "jednostka-odwolawcza", "typy-podmiotow", "katalog-uslug",
                       "grupy-kryteriow", "kryteria", "typy-zdarzen", "statusy")
PER_VOIVODESHIP = ("kluby", "zdarzenia", "uslugi")


def expected_resources(slugs: list[str]) -> list[str]:
    return [*REFERENCE_RESOURCES, *(f"{k}-{s}" for s in slugs for k in PER_VOIVODESHIP)]


def check_resources(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    if not raw.descriptor:
        return
    shown = display_path(raw.root / DESCRIPTOR)
    voivs = raw.table("wojewodztwa")
    slugs = [r["slug"] for r in voivs.rows] if voivs else []
    declared = [r.get("name") for r in raw.descriptor.get("resources") or [] if isinstance(r, dict)]
    expected = expected_resources(slugs)
    for name in expected:
        if name not in declared:
            yield problem("descriptor-resource-missing", shown, resource=name)
    for name in declared:
        if name not in expected:
            yield problem("descriptor-resource-unexpected", shown, resource=name)
    for slug in slugs:
        folder = raw.root / "wojewodztwa" / slug
        if not folder.is_dir():
            yield problem("voivodeship-folder-missing", display_path(folder), value=slug)
