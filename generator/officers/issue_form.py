"""The GitHub issue form "Zmiana w rejestrze", generated from the schemas and reference tables.

The same field list drives the form (``.github/ISSUE_TEMPLATE/zmiana-w-rejestrze.yml``) and the
parser of submitted issues (:mod:`generator.officers.submission`), so labels can never drift apart.
Regenerate the form after changing a schema or a reference table::

    .venv/bin/python -m generator.officers.issue_form register \
        > .github/ISSUE_TEMPLATE/zmiana-w-rejestrze.yml
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.register.load import RawRegister, load_register

FORM_PATH = Path(".github") / "ISSUE_TEMPLATE" / "zmiana-w-rejestrze.yml"
CLEAR = "-"  # typed into a field of "Zmiana danych klubu" to empty it
EVENTS = "events"  # the target of the text area with one event per line
CONSENT = "Potwierdzam, że zgłoszenie nie zawiera danych osobowych osób fizycznych."

# change kind code -> label shown in the form
KINDS = {
    "nowy_klub": "Nowy klub",
    "zmiana_danych": "Zmiana danych klubu",
    "zdarzenie": "Nowe zdarzenie w procesie certyfikacji",
    "usluga": "Nowa usługa klubu",
    "wykreslenie": "Wykreślenie klubu z rejestru",
}
EVENTS_LABEL = "Zdarzenia"
# (table, column) -> label, where the schema title would be ambiguous in one form
LABELS = {
    ("uslugi", "usluga"): "Usługi",
    ("uslugi", "opis"): "Opis usługi",
}
# (table, column) -> description, where the schema's would not suit a form
DESCRIPTIONS = {
    ("kluby", "podmiot_typ"): "Rodzaj instytucji, która utworzyła klub.",
    ("uslugi", "usluga"): "Usługi z katalogu minimalnego standardu; można wybrać kilka.",
    ("uslugi", "opis"): "Krótki opis, jak klub świadczy usługę (np. częstotliwość), bez danych "
    "osobowych. Przy kilku usługach ten sam opis trafi do każdej z nich.",
}
SKIPPED = {
    ("kluby", "klub_id"),
    ("kluby", "wojewodztwo"),
    ("zdarzenia", "klub_id"),
    ("uslugi", "klub_id"),
}
# (table, column) -> (reference resource, code column): shown as a dropdown of names
DROPDOWNS = {
    ("kluby", "podmiot_typ"): ("typy-podmiotow", "kod"),
    ("uslugi", "usluga"): ("katalog-uslug", "kod"),
}
SECTIONS = {
    "kluby": "### Dane klubu\n\nPrzy **nowym klubie** wypełnij wszystkie pola oznaczone w opisie "
    "jako wymagane. Przy **zmianie danych klubu** wypełnij tylko pola, które się "
    f"zmieniają; aby usunąć wartość, wpisz sam znak „{CLEAR}”.",
    "zdarzenia": "### Zdarzenia w procesie certyfikacji\n\nPrzy **nowym klubie** i **nowym "
    "zdarzeniu** wpisz w polu „Zdarzenia” jedno zdarzenie w wierszu – można wpisać całą "
    "dotychczasową historię klubu albo tylko jego obecny certyfikat. Klub, który nie składał "
    "wniosku o certyfikat, zgłoś z pustym polem „Zdarzenia”: zostanie wpisany do rejestru "
    "bez certyfikatu. Przy **wykreśleniu klubu** "
    "wpisz jeden wiersz: datę wykreślenia i ewentualnie uwagi.\n\n"
    "Rodzaje zdarzeń (wpisz nazwę albo jej początek; wielkość liter i polskie znaki nie mają "
    "znaczenia):\n\n{names}",
    "uslugi": "### Usługi klubu\n\nPrzy **nowej usłudze** (i opcjonalnie przy nowym klubie) "
    "wybierz usługi z katalogu minimalnego standardu.",
}
EVENTS_DESCRIPTION = (
    "Jedno zdarzenie w wierszu: data, rodzaj zdarzenia, przy wydaniu i przedłużeniu "
    "certyfikatu jego numer, na końcu ewentualnie uwagi – oddzielone średnikami. Datę wpisz "
    "jako RRRR-MM-DD albo DD.MM.RRRR."
)
EVENTS_PLACEHOLDER = (
    "2024-01-10; złożenie wniosku o certyfikat\n"
    "05.03.2024; wydanie certyfikatu KIS na 3 lata; KIS-22-2024-001\n"
    "2025-06-30; wykreślenie klubu z rejestru; zakończenie działalności"
)
INTRO = (
    "Ten formularz służy urzędnikom, którzy nie edytują plików rejestru samodzielnie. "
    "Po zapisaniu zgłoszenia program sprawdzi je w ciągu kilku minut i odpowie w komentarzu "
    "pod zgłoszeniem. Gdy zgłoszenie jest poprawne, zatwierdza je członek zespołu "
    "województwa, dodając etykietę „zatwierdzone”; program przygotuje "
    "wtedy pull request, którego scalenie zamknie zgłoszenie.\n\n"
    "**Rejestr jest publiczny.** Nie wpisuj danych osobowych osób fizycznych: imion i nazwisk, "
    "prywatnych numerów telefonów ani prywatnych adresów e-mail. Podawaj wyłącznie dane "
    "instytucji.\n\n"
    "Wypełnij pola wspólne, a potem tylko sekcję właściwą dla wybranego rodzaju zmiany. "
    "Daty wpisuj jako RRRR-MM-DD, np. 2024-05-20."
)


@dataclass(frozen=True)
class FormField:
    """One input of the form and where its value goes."""

    id: str
    label: str
    target: str  # "kind", "voivodeship", "club_id", "consent", "events" or "<table>.<column>"
    type: str  # "input" | "textarea" | "dropdown" | "checkboxes"
    description: str = ""
    placeholder: str = ""
    options: tuple[str, ...] = ()
    multiple: bool = False
    required: bool = False

    @property
    def table(self) -> str:
        if self.target == EVENTS:
            return "zdarzenia"
        return self.target.split(".")[0] if "." in self.target else ""

    @property
    def column(self) -> str:
        return self.target.split(".", 1)[1] if "." in self.target else ""


def _rows(raw: RawRegister, resource: str) -> list[dict[str, str]]:
    table = raw.table(resource)
    return table.rows if table else []


def option_names(raw: RawRegister, resource: str) -> dict[str, str]:
    """Dropdown option (the Polish name) -> code, for a reference table."""
    return {r["nazwa"]: r["kod"] for r in _rows(raw, resource)}


def categories(spec: dict[str, Any]) -> tuple[str, ...]:
    """The values a schema field allows as its ``categories`` (empty when it has none)."""
    return tuple(str(c["value"] if isinstance(c, dict) else c) for c in spec.get("categories", ()))


def choices(raw: RawRegister, table: str, column: str) -> dict[str, str]:
    """Dropdown option -> the value written to the register, for a dropdown field.

    Codes of a reference table are shown by their Polish names; a field whose schema lists its
    ``categories`` (e.g. ``dostepnosc``: tak, częściowo, nie) offers those values as they are.
    """
    if (table, column) in DROPDOWNS:
        return option_names(raw, DROPDOWNS[(table, column)][0])
    spec = next((f for f in _schema(raw, table)["fields"] if f["name"] == column), {})
    return {value: value for value in categories(spec)}


def event_names(raw: RawRegister) -> dict[str, str]:
    """Event type code -> its plain Polish name, in the reference table's order."""
    return {r["kod"]: r["nazwa"] for r in _rows(raw, "typy-zdarzen")}


def voivodeship_names(raw: RawRegister) -> dict[str, str]:
    """Voivodeship name -> folder slug, in TERYT order."""
    rows = sorted(_rows(raw, "wojewodztwa"), key=lambda r: r["teryt"])
    return {r["nazwa"]: r["slug"] for r in rows}


def _schema(raw: RawRegister, kind: str) -> dict[str, Any]:
    table = next(iter(raw.of_kind(kind)), None)
    if table is None:
        raise ValueError(f"the register has no table of kind {kind!r}")
    return table.schema


def _description(kind: str, spec: dict[str, Any]) -> str:
    text = DESCRIPTIONS.get((kind, spec["name"])) or " ".join(
        str(spec.get("description", "")).split()
    )
    if kind == "kluby" and spec.get("constraints", {}).get("required"):
        text += " Wymagane przy nowym klubie."
    return text


def fields(raw: RawRegister) -> list[FormField]:
    """Every input of the form, in order.

    The two leading dropdowns are optional in the form on purpose: GitHub pre-selects the first
    option of a required dropdown, which would turn a forgotten choice into a wrong one. The
    parser (:mod:`generator.officers.submission`) requires both.
    """
    out = [
        FormField(
            "rodzaj",
            "Rodzaj zmiany",
            "kind",
            "dropdown",
            "Co zmienia się w rejestrze? Wymagane.",
            options=tuple(KINDS.values()),
        ),
        FormField(
            "wojewodztwo",
            "Województwo",
            "voivodeship",
            "dropdown",
            "Województwo, do którego rejestru należy klub. Wymagane.",
            options=tuple(voivodeship_names(raw)),
        ),
        FormField(
            "klub_id",
            "Identyfikator klubu",
            "club_id",
            "input",
            "Przy nowym klubie: nowy, stały identyfikator (małe litery bez polskich znaków, "
            "cyfry i łączniki). W pozostałych przypadkach: identyfikator klubu z rejestru "
            "(ostatnia część adresu strony klubu).",
            placeholder="gdansk-przymorze",
            required=True,
        ),
    ]
    for kind in ("kluby", "zdarzenia", "uslugi"):
        if kind == "zdarzenia":
            _schema(raw, kind)  # the register must have it
            out.append(
                FormField(
                    "zdarzenia",
                    EVENTS_LABEL,
                    EVENTS,
                    "textarea",
                    EVENTS_DESCRIPTION,
                    placeholder=EVENTS_PLACEHOLDER,
                )
            )
            continue
        for spec in _schema(raw, kind)["fields"]:
            column = spec["name"]
            if (kind, column) in SKIPPED:
                continue
            label = LABELS.get((kind, column), spec.get("title") or column)
            description = _description(kind, spec)
            ident = f"{kind}_{column}"
            if (kind, column) in DROPDOWNS or categories(spec):
                out.append(
                    FormField(
                        ident,
                        label,
                        f"{kind}.{column}",
                        "dropdown",
                        description,
                        options=tuple(choices(raw, kind, column)),
                        multiple=kind == "uslugi",
                    )
                )
            else:
                example = spec.get("example", "")
                out.append(
                    FormField(
                        ident,
                        label,
                        f"{kind}.{column}",
                        "input",
                        description,
                        placeholder=str(example) if example != "" else "",
                    )
                )
    out.append(
        FormField(
            "zgoda", "Dane osobowe", "consent", "checkboxes", options=(CONSENT,), required=True
        )
    )
    return out


def _element(f: FormField) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": f.label}
    if f.description:
        attributes["description"] = f.description
    if f.type in ("input", "textarea") and f.placeholder:
        attributes["placeholder"] = f.placeholder
    if f.type == "dropdown":
        if f.multiple:
            attributes["multiple"] = True
        attributes["options"] = list(f.options)
    if f.type == "checkboxes":
        attributes["options"] = [{"label": o, "required": True} for o in f.options]
    element: dict[str, Any] = {"type": f.type, "id": f.id, "attributes": attributes}
    if f.required and f.type != "checkboxes":
        element["validations"] = {"required": True}
    return element


def form(raw: RawRegister) -> dict[str, Any]:
    """The issue form as a mapping (GitHub issue forms schema)."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": INTRO}}]
    names = "\n".join(f"- {name}" for name in event_names(raw).values())
    section = ""
    for f in fields(raw):
        if f.table and f.table != section:
            section = f.table
            text = SECTIONS[section].replace("{names}", names)
            body.append({"type": "markdown", "attributes": {"value": text}})
        body.append(_element(f))
    return {
        "name": "Zmiana w rejestrze KIS",
        "description": "Zgłoś nowy klub (z jego obecnym certyfikatem albo całą historią), zmianę "
        "danych klubu, zdarzenia w procesie certyfikacji, nową usługę albo wykreślenie klubu.",
        "title": "Zmiana w rejestrze: ",
        "labels": ["zmiana w rejestrze"],
        "body": body,
    }


def form_yaml(raw: RawRegister) -> str:
    header = (
        "# Plik generowany – nie edytuj ręcznie. Po zmianie schematów lub słowników "
        "uruchom:\n"
        f"#   .venv/bin/python -m generator.officers.issue_form register > {FORM_PATH.as_posix()}\n"
    )
    text = yaml.safe_dump(form(raw), allow_unicode=True, sort_keys=False, width=100)
    return header + text


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    sys.stdout.write(form_yaml(load_register(Path(args[0] if args else "register"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
