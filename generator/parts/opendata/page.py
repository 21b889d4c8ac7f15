"""The /dane/ page: every file, every field and how to subscribe, generated from the definitions."""

from __future__ import annotations

from dataclasses import dataclass

from generator.parts import places
from generator.parts.opendata import atom, csv_export, form7, ical, json_export, xlsx_export
from generator.parts.opendata.common import (
    PAGE_PATH,
    SCHEMA_VERSION,
    ZIP_PATH,
    Scope,
    absolute_url,
    voivodeship_xlsx,
)
from generator.parts.opendata.dcat import DCAT_PATH
from generator.parts.opendata.package_zip import PARTS
from generator.parts.opendata.records import DERIVED, DERIVED_KEY
from generator.parts.statistics.csv_files import FILES as STATISTICS_FILES
from generator.polish import date_pl, file_size
from generator.register import formula_cells
from generator.register.model import Register
from generator.register.package_meta import FieldDoc, PackageMeta, TableSchema
from generator.site.context import SiteContext
from generator.site.markdown_page import page
from generator.site.templating import render_at

TITLE = "Otwarte dane"
DESCRIPTION = (
    "Rejestr klubów integracji społecznej do pobrania: JSON, CSV, arkusze XLSX, kanały Atom, "
    "kalendarze iCalendar i pakiet danych."
)
FORM7_CSV_TEXT = (
    "tabela rejestracyjna (formularz 7) wszystkich województw: tylko kluby z ważnym "
    "certyfikatem, jeden wiersz na certyfikat, wygasające oznaczone"
)
FORM7_XLSX_TEXT = (
    "tabela rejestracyjna (formularz 7) województwa do druku: tylko kluby z ważnym certyfikatem, "
    "wygasające oznaczone"
)
PACKAGE_PARTS = {
    "datapackage.yaml": "opis pakietu: lista zasobów, ich schematy i licencja "
    "(w pakiecie także jako datapackage.json)",
    "schematy": "schematy tabel: nazwy, opisy i ograniczenia pól",
    "slowniki": "słowniki krajowe: województwa, katalog usług, kryteria standardu, rodzaje "
    "zdarzeń, statusy, rodzaje instytucji, jednostka odwoławcza, wartości zastępcze",
    "wojewodztwa": "dane województw: kluby.csv, zdarzenia.csv i uslugi.csv w folderze każdego "
    "województwa",
    "granice": "granice województw (GeoJSON) z opisem źródła i licencji w pliku SOURCE.md",
    "dobre-praktyki": "opisy dobrych praktyk klubów (Markdown z nagłówkiem YAML)",
}
assert tuple(PACKAGE_PARTS) == PARTS


@dataclass(frozen=True)
class FieldTable:
    """A titled table of documented fields."""

    id: str
    title: str
    intro: str
    fields: tuple[FieldDoc, ...]


@dataclass(frozen=True)
class Download:
    path: str  # relative to the docs tree
    kind: str
    description: str
    size: str


def json_tables(meta: PackageMeta) -> tuple[FieldTable, ...]:
    clubs = meta.schema("kluby")
    services = meta.schema("uslugi")
    events = meta.schema("zdarzenia")
    return (
        FieldTable("json-glowne", "Obiekt główny", "Pola najwyższego poziomu pliku.",
                   json_export.TOP_LEVEL),
        FieldTable("json-kluby", "Klub (elementy listy kluby)",
                   "Jeden obiekt na klub. Pola wpisane do rejestru mają nazwy kolumn pliku "
                   "kluby.csv z pakietu danych; usługi, zdarzenia i pola wyliczone są "
                   "zagnieżdżone.", clubs.fields + json_export.NESTED),
        FieldTable("json-uslugi", "Usługa klubu (elementy listy uslugi)", services.description,
                   services.without("klub_id")),
        FieldTable("json-zdarzenia", "Zdarzenie (elementy listy zdarzenia)", events.description,
                   events.without("klub_id")),
        FieldTable("json-wyliczone", f"Pola wyliczone (obiekt {DERIVED_KEY})",
                   "Wartości wyliczane przez generator ze zdarzeń i słowników na dzień "
                   "„stan na”. Nie wpisuje się ich do rejestru i nie ma ich w pakiecie danych.",
                   (*(d.doc() for d in DERIVED), json_export.HOURS_DOC)),
        _schema_table("json-wojewodztwa", "Województwo (elementy listy wojewodztwa)",
                      meta.schema("wojewodztwa")),
        _schema_table("json-odwolawcza", "Jednostka odwoławcza (obiekt jednostka_odwolawcza)",
                      meta.schema("jednostka_odwolawcza")),
    )  # fmt: skip


def _schema_table(table_id: str, title: str, schema: TableSchema) -> FieldTable:
    return FieldTable(table_id, title, schema.description, schema.fields)


def downloads(scope: Scope, files: dict[str, str | bytes]) -> tuple[Download, ...]:
    def size(path: str) -> str:
        content = files[path]
        data = content.encode("utf-8") if isinstance(content, str) else content
        return file_size(len(data))

    rows = (
        (scope.files.json, "JSON", "wszystkie kluby ze wszystkimi polami, usługami i historią "
         "certyfikacji"),
        (scope.files.csv, "CSV", "wszystkie kluby z rejestru, także bez ważnego certyfikatu: "
         "jeden wiersz na klub, ze statusem"),
        *(((form7.CSV_PATH, "CSV", FORM7_CSV_TEXT),) if scope.national else ()),
        *(() if scope.national else ((voivodeship_xlsx(scope.key), "XLSX", "arkusz "
          "kalkulacyjny: kluby, zdarzenia i usługi"),)),
        (scope.files.atom, "Atom", "kanał: wydane, przedłużone i cofnięte certyfikaty oraz "
         "odmowy"),
        (scope.files.ics, "iCalendar", "kalendarz: dni wygaśnięcia ważnych certyfikatów"),
        *(() if scope.national else ((form7.xlsx_path(scope.key), "XLSX", FORM7_XLSX_TEXT),)),
    )  # fmt: skip
    return tuple(Download(path, kind, text, size(path)) for path, kind, text in rows)


def formula_labels() -> tuple[tuple[bool, str], ...]:
    """(shown as code?, label) for each character that starts a formula."""
    names = {"\t": "tabulacji", "\r": "powrotu karetki (CR)"}
    return tuple((c not in names, names.get(c, c)) for c in formula_cells.TRIGGERS)


def data_page(
    register: Register,
    meta: PackageMeta,
    scopes: tuple[Scope, ...],
    files: dict[str, str | bytes],
    ctx: SiteContext,
) -> str:
    """The Markdown source of ``dane/index.md``; ``files`` are the exports it lists."""
    national, regional = scopes[0], scopes[1:]
    dictionaries = tuple(
        (key, meta.schema(schema)) for key, schema in sorted(json_export.DICTIONARIES.items())
    )
    body = render_at(
        "opendata/dane.html.j2",
        PAGE_PATH.removesuffix("index.md"),
        as_of=date_pl(ctx.as_of),
        as_of_iso=ctx.as_of.isoformat(),
        example_data=register.example_data,
        license=meta.license,
        gazetteer=places.attribution(),
        package_title=meta.title,
        national=downloads(national, files),
        zip_path=ZIP_PATH,
        zip_size=file_size(len(files[ZIP_PATH])),
        regional=[(s, downloads(s, files), len(s.clubs)) for s in regional],
        csv_columns=csv_export.column_docs(meta),
        form7_csv=form7.CSV_PATH,
        form7_titles=[form7.VOIVODESHIP_TITLE, *form7.titles()],
        form7_mark=form7.EXPIRING_MARK,
        xlsx_sheets=xlsx_export.SHEETS,
        formula_start=formula_labels(),
        json_tables=json_tables(meta),
        dcat_path=DCAT_PATH,
        dictionaries=dictionaries,
        derived_key=DERIVED_KEY,
        schema_version=SCHEMA_VERSION,
        statuses=tuple(register.statuses.values()),
        feed_events=tuple(
            register.event_types[code] for code in atom.FEED_EVENTS
            if code in register.event_types
        ),
        max_entries=atom.MAX_ENTRIES,
        national_atom_url=absolute_url(ctx.base_url, national.files.atom),
        national_ics_url=absolute_url(ctx.base_url, national.files.ics),
        ics_name=ical.calendar_name(national),
        package_parts=PACKAGE_PARTS,
        statistics_files=STATISTICS_FILES,
    )  # fmt: skip
    # No menu beside the page (it would hold one link) and no table of contents (the body is
    # one HTML block): the tables get the full width.
    return page(TITLE, body, description=DESCRIPTION, hide=("navigation", "toc"))
