"""The document pack: definitions, PDFs (tagged, fillable, cached, deterministic), form 7 per
voivodeship and the certificate verification pages.

The PDFs are rendered once per session into a temporary cache (``built``); tests that need a
re-render use their own copy of that cache.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from generator.api import read_register
from generator.parts.documents import pdf as pdf_module
from generator.parts.documents import pdf_worker
from generator.parts.documents.certificates import (
    certificates,
    latest_certificate,
    registry_entries,
)
from generator.parts.documents.content import short_url
from generator.parts.documents.definitions import (
    FORMS_DIR,
    DefinitionError,
    load_definitions,
    parse_document,
)
from generator.parts.documents.pdf import Job, render_cached
from generator.parts.documents.site import build_pdfs
from generator.parts.documents.site import site_files as pending_site_files
from generator.polish import file_size
from generator.register.model import Register
from generator.register.status import standing
from generator.site.context import SiteContext
from generator.site.pending import completed
from tests.registers import SmallClub, make_register, process


def site_files(register: Register, ctx: SiteContext) -> dict[str, object]:
    """The documents part's files complete in memory: PDF bytes in, their sizes in the pages."""
    return completed(pending_site_files(register, ctx))

AS_OF = date(2026, 11, 22)
MAX_PDF_BYTES = 300 * 1024


def _issued(start: str, number: str, *after: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """The full application path from ``start`` (10 days apart), a certificate 20 days after its
    last step, then ``after``."""
    steps = process(date.fromisoformat(start), "certyfikat_wydany", number, step=10, wait=20)
    return [*steps, *after]


# Certificates and their state on AS_OF (2026-11-22): issued on start + 70 days.
CLUBS = [
    SmallClub(
        "kolbudy",
        "Klub Integracji Społecznej w Kolbudach",
        "22",
        "Kolbudy",
        _issued(
            "2021-01-04",
            "KIS-22-2021-001",  # issued 2021-03-15
            ("2023-12-01", "zgloszenie_przedluzenia", ""),
            ("2024-01-10", "audyt_przedluzajacy", ""),
            ("2024-03-01", "certyfikat_przedluzony", "KIS-22-2024-002"),
        ),
    ),
    SmallClub(
        "gdansk-przymorze",
        "Klub Integracji Społecznej „Przystań” – Stowarzyszenie A&B",
        "22",
        "Gdańsk",
        _issued("2023-04-22", "KIS-22-2023-001"),
    ),  # to 2026-06-30
    SmallClub(
        "slupsk",
        "Klub Integracji Społecznej w Słupsku",
        "22",
        "Słupsk",
        _issued("2023-11-06", "KIS-22-2024-001"),
    ),  # 2024-01-15 → 2027-01-14: expiring
    SmallClub(
        "sopot-start",
        "Klub Integracji Społecznej w Sopocie",
        "22",
        "Sopot",
        [("2026-09-01", "wniosek_zlozony", "")],
    ),
    SmallClub(
        "warszawa-praga",
        "Klub Integracji Społecznej Praga",
        "14",
        "Warszawa",
        _issued("2024-11-01", "KIS-14-2025-001"),
    ),
    SmallClub(
        "radom-odmowa",
        "Klub Integracji Społecznej w Radomiu",
        "14",
        "Radom",
        [*_issued("2024-01-08", "KIS-14-2024-001")[:-1], ("2024-03-20", "odmowa_certyfikatu", "")],
    ),
    SmallClub(
        "lublin-cofniety",
        "Klub Integracji Społecznej w Lublinie",
        "06",
        "Lublin",
        _issued("2022-11-10", "KIS-06-2023-001", ("2024-05-01", "certyfikat_cofniety", "")),
    ),
    SmallClub(
        "krakow-wykreslony",
        "Klub Integracji Społecznej w Krakowie",
        "12",
        "Kraków",
        _issued("2024-02-01", "KIS-12-2024-001", ("2025-06-30", "klub_wykreslony", "")),
    ),
    SmallClub(  # certified before the register was kept: only its current certificate
        "puck",
        "Klub Integracji Społecznej w Pucku",
        "22",
        "Puck",
        [("2025-05-12", "certyfikat_sprzed_rejestru", "KIS-22-2025-007")],
    ),
    SmallClub(  # in the voivode's register, never applied: no certificate, not in form 7
        "ustka",
        "Klub Integracji Społecznej w Ustce",
        "22",
        "Ustka",
        [],
    ),
]
EXPECTED_STATES = {
    "KIS-22-2021-001": "zastapiony",
    "KIS-22-2024-002": "wazny",
    "KIS-22-2023-001": "wygasly",
    "KIS-22-2024-001": "wygasa",
    "KIS-14-2025-001": "wazny",
    "KIS-06-2023-001": "cofniety",
    "KIS-12-2024-001": "wykreslony",
    "KIS-22-2025-007": "wazny",
}


@dataclass
class Built:
    register: Register
    ctx: SiteContext
    files: dict[str, str | bytes]
    rendered: list[str]  # titles of the PDFs rendered in this build


class RenderSpy:
    """Counts real PDF renders: wraps ``start_pdfs`` and records each document's title."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.titles: list[str] = []
        real = pdf_module.start_pdfs

        def spy(jobs: list[Job]) -> pdf_worker.Rendering:
            for job in jobs:
                match = re.search(r"<title>(.*?)</title>", job.render_html())
                self.titles.append(match.group(1) if match else "?")
            return real(jobs)

        monkeypatch.setattr(pdf_module, "start_pdfs", spy)


def _register(root: Path) -> Register:
    make_register(root, CLUBS, stories={})
    return read_register(root, AS_OF)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("forms")
    register = _register(base / "register")
    ctx = SiteContext(as_of=AS_OF, register_root=base / "register", cache_dir=base / "cache")
    with pytest.MonkeyPatch.context() as mp:
        spy = RenderSpy(mp)
        files = site_files(register, ctx)
    return Built(register, ctx, files, spy.titles)


@pytest.fixture(scope="session")
def outputs(built: Built):
    """Every output with its PDF (from the session cache: no render)."""
    outs, pdfs = build_pdfs(built.register, built.ctx)
    return [(o, pdfs[o.name]) for o in outs]


@cache
def _text(data: bytes) -> str:
    """The PDF's text with whitespace normalised; a compound word broken after its hyphen
    (``higieniczno-`` / ``sanitarnych``) is joined again."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(re.sub(r"(?<=\w)-\n(?=\w)", "-", text).split())


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


# --- definitions ------------------------------------------------------------------------------


def test_pack_has_forms_1_to_7_and_the_process_card() -> None:
    docs = load_definitions()
    assert [d.number for d in docs] == [1, 2, 3, 4, 5, 6, 7, None]
    assert len({d.slug for d in docs}) == 8
    assert all(d.purpose and d.filled_by for d in docs)


def _definition(name: str) -> dict:
    return yaml.safe_load((FORMS_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda d: d.update(colour="red"), "nieznany klucz „colour”"),
        (
            lambda d: d["sections"][0]["blocks"][0]["fields"][0].update(hint="x"),
            "nieznany klucz „hint”",
        ),
        (
            lambda d: d["sections"][0]["blocks"].append({"paragraph": "x"}),
            "nieznany rodzaj bloku „paragraph”",
        ),
        (
            lambda d: d["sections"][0]["blocks"][0]["fields"][0].update(type="checkbox"),
            "wartość „checkbox” spoza listy",
        ),
        (lambda d: d.pop("purpose"), "brak wymaganego klucza „purpose”"),
        (
            lambda d: d["sections"][0]["blocks"][0]["fields"].append(
                dict(d["sections"][0]["blocks"][0]["fields"][0])
            ),
            "występuje więcej niż raz",
        ),
    ],
)
def test_invalid_definition_is_an_error(edit, message: str) -> None:
    data = _definition("01-wniosek.yaml")
    parse_document(data, "01-wniosek.yaml")  # valid as shipped
    edit(data)
    with pytest.raises(DefinitionError, match=message):
        parse_document(data, "01-wniosek.yaml")


def test_criteria_blocks_name_the_reference_table_instead_of_copying_it() -> None:
    for name in ("03-karta-standardu.yaml", "05-karta-audytu.yaml"):
        text = (FORMS_DIR / name).read_text(encoding="utf-8")
        assert "criteria:" in text
        assert "Dostępność pomieszczeń higieniczno-sanitarnych" not in text


# --- PDFs -------------------------------------------------------------------------------------


def test_every_document_and_every_voivodeship_has_a_pdf(built: Built) -> None:
    pdfs = {k for k in built.files if k.startswith("formularze/") and k.endswith(".pdf")}
    assert {f"formularze/{d.slug}.pdf" for d in load_definitions()} <= pdfs
    assert {f"formularze/formularz-7-{v.slug}.pdf" for v in built.register.voivodeships} <= pdfs
    assert len(pdfs) == 8 + 16
    # and each club's process card and each certificate, filled (tests/test_filled_documents.py)
    filled = sum(1 for c in built.register.clubs if c.events)
    filled += len(certificates(built.register, AS_OF))
    assert len(built.rendered) == 24 + filled


def test_pdfs_are_tagged_pdf_ua_in_polish_with_a_title(outputs) -> None:
    for output, data in outputs:
        reader = PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, output.name
        assert _resolve(root["/StructTreeRoot"])["/K"], output.name
        assert root["/Lang"] == "pl", output.name
        assert bool(_resolve(root["/MarkInfo"])["/Marked"]), output.name
        assert reader.metadata is not None and reader.metadata.title == output.content.title
        xmp = _resolve(root["/Metadata"]).get_data()
        assert b"pdfuaid:part" in xmp or b'pdfuaid="http://www.aiim.org/pdfua/ns/id/"' in xmp


def test_pdfs_embed_every_font(outputs) -> None:
    for output, data in outputs:
        reader = PdfReader(io.BytesIO(data))
        fonts = {}
        for page in reader.pages:
            resources = _resolve(page["/Resources"])
            for name, font in _resolve(resources.get("/Font", {})).items():
                fonts[name] = _resolve(font)
        assert fonts, output.name
        for font in fonts.values():
            descendant = _resolve(font["/DescendantFonts"][0])
            descriptor = _resolve(descendant["/FontDescriptor"])
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, output.name


def test_pdfs_have_the_defined_fields_with_tooltips(outputs) -> None:
    for output, data in outputs:
        fields = PdfReader(io.BytesIO(data)).get_fields() or {}
        expected = {f.name: f.tooltip for f in output.content.fields}
        assert set(fields) == set(expected), output.name
        for name, tooltip in expected.items():
            assert fields[name]["/TU"] == tooltip
    counts = {o.doc.slug: len(o.content.fields) for o, _ in outputs if o.filled is None}
    criteria = 21  # kryteria.csv rows, each with two fields in forms 3 and 5
    assert counts["karta-standardu"] == 3 + 2 * criteria + 2
    assert counts["karta-audytu"] == 7 + 2 * criteria + 2
    assert counts["objasnienia"] == counts["wytyczne"] == 0


def test_every_field_label_is_printed(outputs) -> None:
    for output, data in outputs:
        text = _text(data)
        for fld in output.content.fields:
            assert fld.label in text, (output.name, fld.label)
            if fld.context and not fld.context.startswith("Wiersz"):  # criterion, process step
                assert fld.context in text, (output.name, fld.context)


def test_polish_diacritics_copy_out_as_text(outputs) -> None:
    text = " ".join(_text(data) for output, data in outputs if output.filled is None)
    for word in (
        "Jednostka certyfikująca",
        "Końcowa opinia",
        "Województwo",
        "Ważny do",
        "Zespołu Audytowego",
        "Dostępność pomieszczeń",
        "Rozpoczęcie audytu",
    ):
        assert word.lower() in text.lower(), word
    assert set("ąćęłńóśżź") <= set(text.lower())


def test_pdfs_stay_under_300_kb_and_are_a4(outputs) -> None:
    for output, data in outputs:
        assert len(data) < MAX_PDF_BYTES, output.name
        for page in PdfReader(io.BytesIO(data)).pages:
            size = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
            assert size == [595, 842], output.name


def test_documents_2_and_4_are_real_text(outputs) -> None:
    texts = {o.doc.slug: _text(d) for o, d in outputs if o.filled is None}
    assert len(texts["objasnienia"].split()) > 600
    assert len(texts["wytyczne"].split()) > 600
    assert "40 godzin" in texts["objasnienia"]
    assert "trzech ekspertów" in texts["wytyczne"]


def test_criteria_come_from_the_reference_table(built: Built, outputs) -> None:
    texts = {o.doc.slug: _text(d) for o, d in outputs if o.filled is None}
    for criterion in built.register.criteria:
        for slug in ("karta-standardu", "karta-audytu"):
            assert " ".join(criterion.name.split()) in texts[slug], (slug, criterion.code)


def test_certificate_template_carries_the_verification_address(built: Built, outputs) -> None:
    form6 = next(d for o, d in outputs if o.doc.number == 6)
    text = _text(form6)
    assert f"{short_url(built.ctx.base_url)}certyfikaty/" in text
    assert "rejestr-kis.example.gov.pl/certyfikaty/" in text
    assert "Certyfikat nr" in text


# --- cache and determinism --------------------------------------------------------------------


def test_unchanged_build_renders_no_pdf(built: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = RenderSpy(monkeypatch)
    again = site_files(built.register, built.ctx)
    assert spy.titles == []
    assert again == built.files


def test_pdfs_are_byte_identical_across_builds(outputs, tmp_path: Path) -> None:
    output, data = next((o, d) for o, d in outputs if o.doc.number == 6)
    from generator.parts.documents.fonts import prepare_fonts
    from generator.parts.documents.render import render_standalone

    fonts = prepare_fonts(tmp_path / "fonts")
    job = Job(
        output.name,
        render_standalone(output.content, ""),
        lambda: render_standalone(output.content, fonts.css),
    )
    first = render_cached([job], tmp_path / "a", fonts.digest)[output.name]
    second = render_cached([job], tmp_path / "b", fonts.digest)[output.name]
    assert first == second == data


def test_changing_a_criterion_rerenders_forms_3_and_5_only(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "register"
    shutil.copytree(built.ctx.register_root, root)
    criteria = root / "slowniki" / "kryteria.csv"
    old = "Dostępność pomieszczeń higieniczno-sanitarnych"
    new = "Dostępność toalet i umywalni dla uczestników"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    register = read_register(root, AS_OF)
    cache = tmp_path / "cache"
    shutil.copytree(built.ctx.cache_dir, cache)
    ctx = SiteContext(as_of=AS_OF, register_root=root, cache_dir=cache)
    spy = RenderSpy(monkeypatch)
    files = site_files(register, ctx)
    assert sorted(spy.titles) == [
        "Formularz 3. Karta standardu SC KIS",
        "Formularz 5. Karta audytu certyfikacyjnego KIS",
    ]
    form3 = _text(files["formularze/karta-standardu.pdf"])
    assert new in form3 and old not in form3
    assert files["formularze/wniosek.pdf"] == built.files["formularze/wniosek.pdf"]


# --- form 7 and certificates ------------------------------------------------------------------


def test_form_7_lists_exactly_the_certified_clubs_of_its_voivodeship(built: Built, outputs) -> None:
    all_numbers = {c.number for c in certificates(built.register, AS_OF)}
    club_names = {c.id: c.name for c in built.register.clubs}
    for output, data in outputs:
        if output.filled is None:
            continue
        text = _text(data)
        voivodeship = output.filled.voivodeship
        expected = {
            c.id
            for c in built.register.clubs
            if c.voivodeship == voivodeship.teryt and standing(c.events, AS_OF).is_certified
        }
        entries = registry_entries(built.register, voivodeship, AS_OF)
        assert {e.club.id for e in entries} == expected
        for entry in entries:
            assert entry.number in text and " ".join(entry.club.name.split()) in text
        for number in all_numbers - {e.number for e in entries}:
            assert number not in text, (voivodeship.slug, number)
        for club_id, name in club_names.items():
            if club_id not in expected:
                assert name not in text, (voivodeship.slug, club_id)
        assert f"Liczba klubów z ważnym certyfikatem {len(entries)}" in text
        # the "np." address names the table's own first certificate, or none in an empty table
        example = f"certyfikaty/{entries[0].number}/" if entries else "dopisując numer certyfikatu."
        assert example in text, (voivodeship.slug, text[-300:])
    pomorskie = next(d for o, d in outputs if o.name == "formularz-7-pomorskie.pdf")
    assert "KIS-22-2024-002" in _text(pomorskie) and "KIS-22-2024-001" in _text(pomorskie)
    assert "KIS-22-2025-007" in _text(pomorskie)  # a certificate from before the register
    assert "w Ustce" not in _text(pomorskie)  # a club that never applied


def test_certificate_states_on_the_as_of_date(built: Built) -> None:
    states = {c.number: c.state for c in certificates(built.register, AS_OF)}
    assert states == EXPECTED_STATES
    early = {c.number: c.state for c in certificates(built.register, date(2023, 6, 1))}
    assert early == {"KIS-22-2021-001": "wazny", "KIS-06-2023-001": "wazny"}


def test_latest_certificate_agrees_with_the_club_status(built: Built) -> None:
    certs = certificates(built.register, AS_OF)
    for club in built.register.clubs:
        now = standing(club.events, AS_OF)
        mine = [c for c in certs if c.club.id == club.id]
        if mine:
            assert mine[-1].is_valid == now.is_certified, club.id
            assert mine[-1].number == now.certificate_number


def test_soon_expiring_means_the_same_on_certificate_and_club_pages(built: Built) -> None:
    """Around the 90-day mark the certificate's state and the club's status change together."""
    for club in built.register.clubs:
        last = latest_certificate(club, AS_OF)
        if last is None or not last.is_valid:
            continue
        for days in range(85, 96):
            day = last.valid_until - timedelta(days=days)
            cert = latest_certificate(club, day)
            assert cert is not None
            assert (cert.state == "wygasa") == (standing(club.events, day).status == "wygasa"), (
                club.id, days)


def test_a_page_per_certificate_number(built: Built) -> None:
    for number, state in EXPECTED_STATES.items():
        page = str(built.files[f"certyfikaty/{number}/index.md"])  # a LazyPage, rendered here
        assert f"title: Certyfikat {number}" in page
        valid = state in ("wazny", "wygasa")
        assert ("Certyfikat jest ważny" in page) == valid
        assert ("Certyfikat nie jest" in page) == (not valid)
    kolbudy = str(built.files["certyfikaty/KIS-22-2021-001/index.md"])
    assert 'href="../KIS-22-2024-002/"' in kolbudy
    assert 'href="../../kluby/kolbudy/"' in kolbudy
    przystan = str(built.files["certyfikaty/KIS-22-2023-001/index.md"])
    assert "A&amp;B" in przystan and "A&B" not in przystan
    index = built.files["certyfikaty/index.md"]
    assert isinstance(index, str)
    for number in EXPECTED_STATES:
        assert f'href="{number}/"' in index
    assert "KIS-14-2024-001" not in index  # refused: never issued


def test_forms_index_lists_every_document_with_preview_and_pdf_size(built: Built) -> None:
    index = built.files["formularze/index.md"]
    assert isinstance(index, str)
    for doc in load_definitions():
        assert doc.title in index and doc.purpose in index
        assert f'href="{doc.slug}/"' in index
        size = file_size(len(built.files[f"formularze/{doc.slug}.pdf"]))
        assert f'href="{doc.slug}.pdf">PDF, {size}' in index
    for v in built.register.voivodeships:
        assert f'href="formularz-7-{v.slug}.pdf"' in index


def test_web_preview_has_every_field_and_links_the_pdf(built: Built, outputs) -> None:
    for output, _ in outputs:
        if output.filled is not None:
            continue
        page = built.files[f"formularze/{output.doc.slug}/index.md"]
        assert isinstance(page, str)
        assert page.startswith("---\n") and f'href="../{output.doc.slug}.pdf"' in page
        assert 'href="../form.css"' in page
        for fld in output.content.fields:
            assert f'name="{fld.name}"' in page
            assert f'<label for="f-{fld.name}">' in page or fld.context
    assert "@page" in built.files["formularze/form.css"]


def test_weasyprint_is_loaded_only_to_render_a_pdf() -> None:
    """A warm build (every PDF in the cache) does not pay for importing WeasyPrint."""
    code = (
        "import sys, generator.site.build, generator.parts.documents, "
        "generator.parts.documents.pdf; "
        "print('weasyprint' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.strip() == "False"


_TINY_PDF_SCRIPT = """
import sys
from pathlib import Path
from generator.parts.documents.pdf import Job, render_cached
from generator.polish import file_size

html = '<html lang="pl"><head><title>Próba</title></head><body><p>Zażółć</p></body></html>'
pdfs = render_cached([Job("a.pdf", html, lambda: html)], Path(sys.argv[1]), "no fonts")
print(pdfs["a.pdf"][:5].decode(), "weasyprint" in sys.modules)
"""


def test_missing_pdfs_render_in_worker_processes(tmp_path: Path) -> None:
    """A cold build renders its PDFs without loading WeasyPrint into the building process,
    also from a script with no ``if __name__ == "__main__"`` guard (a worker never re-runs it)."""
    script = tmp_path / "script.py"
    script.write_text(_TINY_PDF_SCRIPT, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(tmp_path / "cache")],
                            capture_output=True, text=True, check=True, timeout=300,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.split() == ["%PDF-", "False"]


def _job(output, tmp_path: Path) -> Job:
    from generator.parts.documents.fonts import prepare_fonts
    from generator.parts.documents.render import render_standalone

    fonts = prepare_fonts(tmp_path / "fonts")
    return Job(output.name, "", lambda: render_standalone(output.content, fonts.css))


def test_pdfs_render_in_process_where_no_worker_can_start(
    outputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no process can be started, the same bytes are rendered in process."""
    output, data = next((o, d) for o, d in outputs if o.doc.number == 1)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(pdf_worker.subprocess, "Popen", refuse)
    assert pdf_module.start_pdfs([_job(output, tmp_path)]).wait() == [data]


def test_a_failing_worker_fails_the_rendering_with_its_error(
    outputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = next(o for o, _ in outputs if o.doc.number == 1)
    monkeypatch.setenv("PYTHONHOME", str(tmp_path / "no-python-here"))
    with pytest.raises(pdf_worker.RenderFailed, match="proces roboczy zakończył się z kodem 1"):
        pdf_module.start_pdfs([_job(output, tmp_path)]).wait()


def test_work_is_shared_between_workers_largest_first() -> None:
    htmls = ["a" * 5, "a" * 50, "a", "a" * 20]
    assert pdf_worker.shares(htmls, 2) == [[1, 0], [3, 2]]
    assert pdf_worker.shares(htmls, 1) == [[1, 3, 0, 2]]


def test_worker_count_is_one_per_cpu_at_most() -> None:
    cpus = len(os.sched_getaffinity(0))
    assert pdf_worker.worker_count(1) == 1
    assert pdf_worker.worker_count(0) == 1
    assert pdf_worker.worker_count(1000) == min(cpus, pdf_worker.MAX_WORKERS)


def test_nothing_to_render_starts_no_worker_and_takes_no_time() -> None:
    rendering = pdf_worker.start_all([])
    assert rendering.wait() == [] and len(rendering) == 0
    assert rendering.ended == rendering.started


def test_a_build_keeps_the_cached_pdfs_it_found_when_another_build_cleans_the_cache(
    built: Built, tmp_path: Path
) -> None:
    """Builds may overlap; one that cleans the cache must not pull PDFs from under another."""
    cache = tmp_path / "cache"
    shutil.copytree(built.ctx.cache_dir, cache)
    ctx = SiteContext(as_of=AS_OF, register_root=built.ctx.register_root, cache_dir=cache)
    files = pending_site_files(built.register, ctx)
    for old in (cache / "forms" / "pdf").glob("*.pdf"):
        old.unlink()  # what an overlapping build with other forms does at its end
    done = completed(files)
    assert done["formularze/wniosek.pdf"] == built.files["formularze/wniosek.pdf"]
