"""DCAT-AP metadata of the open data (RDF/XML) for harvesting portals such as dane.gov.pl.

One ``dcat:Catalog`` with a ``dcat:Dataset`` per scope (the whole country, each voivodeship) and
a ``dcat:Distribution`` per file. Publishers come from the register (the appeal unit for the
country, each voivodeship's certifying unit), the licence from ``datapackage.yaml``; the theme
is the EU data theme SOCI, updated daily. ``tests/test_dcat.py`` validates the file against the
DCAT-AP 3.0.1 SHACL shapes (``tests/data/dcat/``).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

from generator.parts.opendata.common import (
    DATA_DIR,
    ZIP_PATH,
    Scope,
    absolute_url,
    voivodeship_xlsx,
)
from generator.register.model import Register
from generator.register.package_meta import PackageMeta
from generator.site.context import SiteContext

DCAT_PATH = f"{DATA_DIR}/katalog-dcat.rdf"
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
EU = "http://publications.europa.eu/resource/authority/"
THEME = EU + "data-theme/SOCI"  # population and society: social policy
FREQUENCY = EU + "frequency/DAILY"
LANGUAGE = EU + "language/POL"
COUNTRY = EU + "country/POL"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
KEYWORDS = ("klub integracji społecznej", "KIS", "certyfikacja", "zatrudnienie socjalne",
            "wykluczenie społeczne", "integracja społeczna")
CATALOG_TITLE = "Rejestr certyfikowanych klubów integracji społecznej – otwarte dane"


@dataclass(frozen=True)
class Format:
    """A file kind: its EU file type (``None`` when the authority list has none) and media type."""

    title: str
    file_type: str | None
    media_type: str


FORMATS = {
    "json": Format("JSON", "JSON", "application/json"),
    "csv": Format("CSV", "CSV", "text/csv"),
    "xlsx": Format("arkusz XLSX", "XLSX",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "atom": Format("kanał Atom", "ATOM", "application/atom+xml"),
    "ics": Format("kalendarz iCalendar", None, "text/calendar"),
    "zip": Format("pakiet danych (zip)", "ZIP", "application/zip"),
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _add(parent: ET.Element, name: str, text: str | None = None, *, lang: str = "",
         resource: str = "", datatype: str = "") -> ET.Element:
    element = ET.SubElement(parent, _q(name))
    if text is not None:
        element.text = text
    if lang:
        element.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    if resource:
        element.set(_q("rdf:resource"), resource)
    if datatype:
        element.set(_q("rdf:datatype"), datatype)
    return element


def _node(parent: ET.Element, name: str, kind: str, about: str = "") -> ET.Element:
    """``<name><kind rdf:about=…>`` — a nested resource (blank when ``about`` is empty)."""
    holder = ET.SubElement(parent, _q(name))
    node = ET.SubElement(holder, _q(kind))
    if about:
        node.set(_q("rdf:about"), about)
    return node


def _agent(parent: ET.Element, name: str, homepage: str = "") -> None:
    agent = _node(parent, "dct:publisher", "foaf:Agent")
    _add(agent, "foaf:name", name, lang="pl")
    if homepage:
        _add(agent, "foaf:homepage", resource=homepage)


def _typed(root: ET.Element, about: str, kind: str, label: str = "") -> None:
    """A controlled-vocabulary resource with its class (the shapes check value classes)."""
    node = ET.SubElement(root, _q(kind))
    node.set(_q("rdf:about"), about)
    if label:
        _add(node, "skos:prefLabel", label, lang="pl")


def _files(scope: Scope) -> list[tuple[str, str]]:
    """(path, format key) of every file of ``scope``."""
    whole = (ZIP_PATH, "zip") if scope.national else (voivodeship_xlsx(scope.key), "xlsx")
    return [(scope.files.json, "json"), (scope.files.csv, "csv"), whole,
            (scope.files.atom, "atom"), (scope.files.ics, "ics")]


def _dataset(root: ET.Element, catalog: ET.Element, scope: Scope, register: Register,
             meta: PackageMeta, ctx: SiteContext) -> None:
    page = absolute_url(ctx.base_url, f"{DATA_DIR}/")
    about = f"{page}#zbior-{scope.key}"
    _add(catalog, "dcat:dataset", resource=about)
    dataset = ET.SubElement(root, _q("dcat:Dataset"))
    dataset.set(_q("rdf:about"), about)
    where = ("w całym kraju" if scope.national
             else f"w województwie {scope.voivodeships[0].locative}")
    _add(dataset, "dct:title", f"Rejestr klubów integracji społecznej – {scope.label}", lang="pl")
    _add(dataset, "dct:description",
         f"Kluby integracji społecznej {where} wpisane do rejestru wojewody, ze statusem "
         "certyfikatu SC KIS, historią certyfikacji, usługami, godzinami otwarcia i dostępnością "
         "lokalu. Dane instytucji, bez danych osobowych.", lang="pl")
    _add(dataset, "dct:identifier", about)
    if scope.national:
        unit = register.appeal_unit
        _agent(dataset, unit.name, unit.www)
    else:
        _agent(dataset, scope.voivodeships[0].certifying_unit)
    contact = _node(dataset, "dcat:contactPoint", "vcard:Kind")
    _add(contact, "vcard:fn", register.appeal_unit.name if scope.national
         else scope.voivodeships[0].certifying_unit, lang="pl")
    _add(dataset, "dcat:theme", resource=THEME)
    _add(dataset, "dct:accrualPeriodicity", resource=FREQUENCY)
    _add(dataset, "dct:language", resource=LANGUAGE)
    _add(dataset, "dct:spatial", resource=COUNTRY)
    _add(dataset, "dct:modified", ctx.as_of.isoformat(), datatype=XSD_DATE)
    _add(dataset, "dcat:landingPage", resource=page)
    for word in KEYWORDS:
        _add(dataset, "dcat:keyword", word, lang="pl")
    for path, kind in _files(scope):
        fmt = FORMATS[kind]
        url = absolute_url(ctx.base_url, path)
        distribution = _node(dataset, "dcat:distribution", "dcat:Distribution",
                             f"{url}#dystrybucja")
        _add(distribution, "dct:title", f"{scope.label} – {fmt.title}", lang="pl")
        _add(distribution, "dcat:accessURL", resource=page)
        _add(distribution, "dcat:downloadURL", resource=url)
        _add(distribution, "dcat:mediaType",
             resource=f"http://www.iana.org/assignments/media-types/{fmt.media_type}")
        if fmt.file_type:
            _add(distribution, "dct:format", resource=f"{EU}file-type/{fmt.file_type}")
        _add(distribution, "dct:license", resource=meta.license.path)
        _add(distribution, "dct:modified", ctx.as_of.isoformat(), datatype=XSD_DATE)


def catalogue_rdf(scopes: tuple[Scope, ...], register: Register, meta: PackageMeta,
           ctx: SiteContext) -> str:
    """The RDF/XML text of the catalogue (deterministic)."""
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(_q("rdf:RDF"))
    catalog = ET.SubElement(root, _q("dcat:Catalog"))
    catalog.set(_q("rdf:about"), absolute_url(ctx.base_url, f"{DATA_DIR}/#katalog"))
    _add(catalog, "dct:title", CATALOG_TITLE, lang="pl")
    _add(catalog, "dct:description", meta.title + ": pliki do pobrania dla całego kraju i "
         "każdego województwa.", lang="pl")
    _agent(catalog, register.appeal_unit.name, register.appeal_unit.www)
    _add(catalog, "foaf:homepage", resource=ctx.base_url)
    _add(catalog, "dct:language", resource=LANGUAGE)
    _add(catalog, "dct:modified", ctx.as_of.isoformat(), datatype=XSD_DATE)
    for scope in scopes:
        _dataset(root, catalog, scope, register, meta, ctx)
    _typed(root, ctx.base_url, "foaf:Document")
    _typed(root, absolute_url(ctx.base_url, f"{DATA_DIR}/"), "foaf:Document")
    _typed(root, THEME, "skos:Concept", "Ludność i społeczeństwo")
    _typed(root, FREQUENCY, "dct:Frequency", "codziennie")
    _typed(root, LANGUAGE, "dct:LinguisticSystem")
    _typed(root, COUNTRY, "dct:Location")
    _typed(root, meta.license.path, "dct:LicenseDocument", meta.license.title)
    for fmt in FORMATS.values():
        if fmt.file_type:
            _typed(root, f"{EU}file-type/{fmt.file_type}", "dct:MediaTypeOrExtent")
        _typed(root, f"http://www.iana.org/assignments/media-types/{fmt.media_type}",
               "dct:MediaType")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
