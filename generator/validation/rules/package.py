"""The package lists exactly the resources the voivodeship table implies."""

from __future__ import annotations

from collections.abc import Iterator

from generator.problems import Problem, problem
from generator.register.load import DESCRIPTOR, RawRegister, display_path
from generator.validation.rules import Context, complete

REFERENCE_RESOURCES = ("wojewodztwa", "jednostka-odwolawcza", "typy-podmiotow", "katalog-uslug",
                       "grupy-kryteriow", "kryteria", "typy-zdarzen", "statusy",
                       "wartosci-zastepcze")
PER_VOIVODESHIP = ("kluby", "zdarzenia", "uslugi")


def expected_resources(slugs: list[str]) -> list[str]:
    return [*REFERENCE_RESOURCES, *(f"{k}-{s}" for s in slugs for k in PER_VOIVODESHIP)]


def check_resources(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    if not raw.descriptor or not isinstance(raw.descriptor.get("resources"), list):
        return  # no descriptor or no resource list: reported once by the descriptor check
    shown = display_path(raw.root / DESCRIPTOR)
    voivs = complete(raw, "wojewodztwa")
    declared = [r.get("name") for r in raw.descriptor.get("resources") or [] if isinstance(r, dict)]
    if voivs is None:  # missing or unreadable (reported once): the voivodeships are unknown
        for name in REFERENCE_RESOURCES:
            if name not in declared and raw.table(name) is None:
                yield problem("descriptor-resource-missing", shown, resource=name)
        return
    slugs = [r["slug"] for r in voivs.rows]
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
