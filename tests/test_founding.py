"""Pages for those founding a club: animation paths, readiness self-check, cost-of-inaction
worksheet. Unit tests, Python/JavaScript parity (node) and a real browser (Chromium)."""

from __future__ import annotations

import dataclasses
import json
import random
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markupsafe import escape
from playwright.sync_api import Browser, Page, expect

from generator.api import read_register
from generator.parts import founding, static
from generator.parts import search as search_index
from generator.parts.founding import calculator as calc
from generator.parts.founding import paths, selfcheck
from generator.parts.founding.links import resolve
from generator.polish import number
from generator.register.model import Criterion, CriterionGroup, Register
from generator.register.status import standing
from generator.site import build
from generator.site.context import SiteContext
from tests.browser_support import guarded_page, serve
from tests.quality.browser import AXE, AXE_TAGS

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "register"
AS_OF = date(2026, 11, 22)
NODE = shutil.which("node") or "/usr/bin/node"
KALKULATOR_JS = founding.STATIC / "kis-kalkulator.js"
SAMOOCENA_JS = founding.STATIC / "kis-samoocena.js"
PREFIX = "/projekt"  # served under a sub-path, like a project site


@pytest.fixture(scope="module")
def register() -> Register:
    return read_register(DEMO, AS_OF)


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> SiteContext:
    return SiteContext(as_of=AS_OF, register_root=DEMO,
                       cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def files(register: Register, ctx: SiteContext) -> dict[str, str | bytes]:
    return founding.site_files(register, ctx)


def _page(files: dict[str, str | bytes], path: str) -> str:
    return str(files[path])


# --- a tiny HTML reader ----------------------------------------------------------------------

class Outline(HTMLParser):
    """Fieldsets with their legends and checkboxes, labels, ids and links of a page body."""

    def __init__(self) -> None:
        super().__init__()
        self.fieldsets: list[dict[str, Any]] = []
        self.labels: dict[str, str] = {}
        self.ids: dict[str, str] = {}  # id -> text of the element
        self.hrefs: list[str] = []
        self._stack: list[tuple[str, str | None]] = []
        self._text: dict[str, list[str]] = {}
        self._in_legend = False
        self._label_for: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "fieldset":
            self.fieldsets.append({"legend": "", "boxes": [], "attrs": a})
        elif tag == "legend":
            self._in_legend = True
        elif tag == "input" and a.get("type") == "checkbox":
            self.fieldsets[-1]["boxes"].append(a)
        elif tag == "label":
            self._label_for = a.get("for")
            self.labels[self._label_for or ""] = ""
        elif tag == "a" and a.get("href"):
            self.hrefs.append(str(a["href"]))
        if tag not in ("input", "br", "meta", "link"):
            self._stack.append((tag, a.get("id")))
            if a.get("id"):
                self._text[str(a["id"])] = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "legend":
            self._in_legend = False
        elif tag == "label":
            self._label_for = None
        while self._stack:
            name, ident = self._stack.pop()
            if ident:
                self.ids[ident] = " ".join("".join(self._text.pop(ident)).split())
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_legend:
            self.fieldsets[-1]["legend"] += data
        if self._label_for is not None:
            self.labels[self._label_for] += data
        for _, ident in self._stack:
            if ident:
                self._text[ident].append(data)


def outline(text: str) -> Outline:
    reader = Outline()
    reader.feed(text.split("---\n", 2)[2])
    return reader


# --- the paths page -------------------------------------------------------------------------

def test_site_files_paths(files: dict[str, str | bytes]) -> None:
    assert set(files) == {"zakladanie-klubu/index.md", "zakladanie-klubu/samoocena/index.md",
                          "zakladanie-klubu/kalkulator/index.md",
                          "assets/javascripts/kis-samoocena.js",
                          "assets/javascripts/kis-kalkulator.js"}


def test_paths_page_has_both_paths_steps_table_and_recommendations(
        files: dict[str, str | bytes]) -> None:
    text = _page(files, "zakladanie-klubu/index.md")
    content = founding.content("sciezki.yaml")
    for path in content["sciezki"]:
        assert f'<h2 id="{path["id"]}">{path["nazwa"]}</h2>' in text
        section = text.split(f'<h2 id="{path["id"]}">', 1)[1].split("</section>", 1)[0]
        steps = re.findall(r'<li id="([^"]+)">', section.split("</ol>", 1)[0])
        assert steps == [s["id"] for s in path["kroki"]]
        assert ('<tr><th scope="col">Krok</th><th scope="col">Kto prowadzi</th>'
                '<th scope="col">Co powstaje</th></tr>') in section
        for i, step in enumerate(path["kroki"], 1):
            assert (f'<td data-label="Krok">{i}. <a href="#{step["id"]}">'
                    f'{escape(step["nazwa"])}</a></td>') in section
            assert f'<td data-label="Kto prowadzi">{escape(step["kto"])}</td>' in section
            assert f'<td data-label="Co powstaje">{escape(step["powstaje"])}</td>' in section
        recs = section.split("Cztery rekomendacje</h3>", 1)[1].split("</ol>", 1)[0]
        assert re.findall(r"<li>(.*?)</li>", recs) == [str(escape(r))
                                                         for r in path["rekomendacje"]]
        assert len(path["rekomendacje"]) == 4
    for product in ("lokalna diagnoza społeczna", "analiza kosztów zaniechania",
                    "argumentów „za”", "porozumienia partnerskie"):
        assert product in text


def test_paths_page_links_only_to_certified_clubs_and_their_stories(
        files: dict[str, str | bytes], register: Register) -> None:
    hrefs = outline(_page(files, "zakladanie-klubu/index.md")).hrefs
    clubs = {h.split("/")[2] for h in hrefs if h.startswith("../kluby/")}
    stories = {h.split("/")[2] for h in hrefs if h.startswith("../dobre-praktyki/")
               and h != "../dobre-praktyki/"}
    assert len(clubs) >= 10
    assert len(stories) >= 5
    for club_id in clubs:
        assert standing(register.club(club_id).events, AS_OF).is_certified
    by_slug = {s.slug: s for s in register.stories}
    for slug in stories:
        assert standing(register.club(by_slug[slug].club_id).events, AS_OF).is_certified


def test_path_examples_follow_operator_types(register: Register) -> None:
    content = founding.content("sciezki.yaml")
    for path in paths.animation_paths(register, AS_OF, content):
        kinds = next(p["typy_podmiotow"] for p in content["sciezki"] if p["id"] == path.id)
        assert 0 < len(path.clubs) <= paths.CLUBS_PER_PATH <= path.clubs_total
        for link in path.clubs:
            assert register.club(link.url.split("/")[1]).operator_type in kinds


def test_step_stories_mention_the_step(register: Register) -> None:
    certified = paths.certified_clubs(register, AS_OF)
    found = paths.matching_stories(register.stories, ["diagnoz"], certified)
    assert found
    by_url = {f"dobre-praktyki/{s.slug}/": s for s in register.stories}
    for link in found:
        story = by_url[link.url]
        assert "diagnoz" in (story.title + story.summary + story.body_markdown).lower()
    assert paths.matching_stories(register.stories, [], certified) == ()
    assert paths.matching_stories(register.stories, ["diagnoz"], {}) == ()


def test_every_link_is_relative(files: dict[str, str | bytes]) -> None:
    for path, text in files.items():
        if not path.endswith(".md"):
            continue
        for href in outline(str(text)).hrefs:
            assert not href.startswith(("/", "http:", "https:", "//")), (path, href)
        assert 'src="/' not in str(text)


def test_advice_links_point_at_existing_anchors(files: dict[str, str | bytes]) -> None:
    ids = set(outline(_page(files, "zakladanie-klubu/index.md")).ids)
    assert paths.anchors(founding.content("sciezki.yaml")) <= ids
    advice = founding.content("samoocena.yaml")
    entries = [*advice["grupy"].values(), advice["domyslnie"], advice["gotowe"]]
    for entry in entries:
        link = entry.get("link", "")
        if link.startswith("zakladanie-klubu/#"):
            assert link.split("#", 1)[1] in ids


def test_output_is_deterministic(register: Register, ctx: SiteContext,
                                 files: dict[str, str | bytes]) -> None:
    assert founding.site_files(register, ctx) == files


def test_register_without_certified_clubs_or_stories(register: Register,
                                                     ctx: SiteContext) -> None:
    bare = dataclasses.replace(register, clubs=(), stories=())
    text = str(founding.site_files(bare, ctx)["zakladanie-klubu/index.md"])
    assert text.count("W rejestrze nie ma teraz takich klubów z ważnym certyfikatem.") == 2
    assert "Przykłady z banku dobrych praktyk:" not in text


# --- the self-check -------------------------------------------------------------------------

def test_every_criterion_is_a_labelled_checkbox_in_its_group(
        files: dict[str, str | bytes], register: Register) -> None:
    page = outline(_page(files, "zakladanie-klubu/samoocena/index.md"))
    groups = {g.code: g for g in register.criterion_groups}
    assert [f["legend"] for f in page.fieldsets] == [g.name for g in register.criterion_groups]
    seen = []
    for fieldset, group in zip(page.fieldsets, register.criterion_groups, strict=True):
        assert page.ids[fieldset["attrs"]["aria-describedby"]] == group.description
        for box in fieldset["boxes"]:
            criterion = next(c for c in register.criteria if c.code == box["name"])
            assert groups[criterion.group] is group
            assert page.labels[box["id"]] == criterion.name
            note = page.ids[box["aria-describedby"]]
            assert note.startswith(criterion.explanation)
            assert f"Kryterium {criterion.required_level}." in note  # „Kryterium obowiązkowe.”
            seen.append(criterion.code)
    assert seen == [c.code for c in register.criteria]
    assert len(seen) == 21


def test_self_check_summary_lists_every_criterion_with_advice(
        files: dict[str, str | bytes], register: Register) -> None:
    text = _page(files, "zakladanie-klubu/samoocena/index.md")
    assert re.findall(r'data-brak="([^"]+)"', text) == [c.code for c in register.criteria]
    assert 'id="kis-samoocena-wynik" aria-live="polite"' in text
    assert '<a href="../../formularze/wniosek/">Złóż wniosek – formularz 1</a>' in text
    assert '<a href="../../formularze/karta-standardu/">Karta standardu – formularz 3</a>' in text
    assert '<a href="../#lider-negocjacje">' in text
    assert '<script src="../../assets/javascripts/kis-samoocena.js" defer></script>' in text
    # a service criterion links to good-practice stories of that service, or to its clubs
    assert '<a href="../../dobre-praktyki/usluga/grupa-wsparcia/">opisy dobrych praktyk' in text


def _changed(register: Register) -> Register:
    """The criteria table with one criterion dropped, one renamed and a new group added."""
    criteria = [c for c in register.criteria if c.code != "regulamin"]
    criteria[0] = dataclasses.replace(criteria[0], name="Sala na zajęcia <grupowe>",
                                      explanation="Nowe objaśnienie & więcej.")
    group = CriterionGroup("ewaluacja", "instytucjonalny", "Kryterium ewaluacji",
                           "Jak klub sprawdza efekty swojej pracy.")
    criteria.append(Criterion("ankieta_ewaluacyjna", "ewaluacja", "Ankieta po zajęciach",
                              "obowiązkowe", "Uczestnicy oceniają zajęcia w ankiecie.", None))
    return dataclasses.replace(register, criteria=tuple(criteria),
                               criterion_groups=(*register.criterion_groups, group))


def test_changed_criteria_table_changes_the_self_check(register: Register,
                                                       ctx: SiteContext,
                                                       files: dict[str, str | bytes]) -> None:
    changed = _changed(register)
    text = str(founding.site_files(changed, ctx)["zakladanie-klubu/samoocena/index.md"])
    page = outline(text)
    codes = [b["name"] for f in page.fieldsets for b in f["boxes"]]
    assert sorted(codes) == sorted(c.code for c in changed.criteria)
    assert "regulamin" not in codes
    assert page.labels["kryterium-ankieta_ewaluacyjna"] == "Ankieta po zajęciach"
    assert page.labels[f"kryterium-{changed.criteria[0].code}"] == "Sala na zajęcia <grupowe>"
    assert "Sala na zajęcia &lt;grupowe&gt;" in text  # escaped
    # the new institutional group comes after the other institutional groups
    legends = [f["legend"] for f in page.fieldsets]
    assert legends.index("Kryterium ewaluacji") == legends.index(
        "Kryterium współpracy lokalnej") + 1
    assert text.index("Kryterium ewaluacji") < text.index('<h2 id="zakres-uslugowy">')
    assert "Poniżej znajdziesz 21 kryteriów" in text  # 20 + 1
    # an unknown group gets the default advice
    default = founding.content("samoocena.yaml")["domyslnie"]
    missing = page.ids["kis-samoocena-braki"]
    assert f"Kryterium ewaluacji Ankieta po zajęciach Co dalej: {default['tekst']}" in missing
    # answers given for another set of criteria are not reused
    old_key = re.search(r'data-storage-key="([^"]+)"',
                        _page(files, "zakladanie-klubu/samoocena/index.md"))
    new_key = re.search(r'data-storage-key="([^"]+)"', text)
    assert old_key and new_key and old_key.group(1) != new_key.group(1)


def test_edited_criteria_csv_reaches_the_self_check(tmp_path: Path, ctx: SiteContext) -> None:
    """End to end: a row added to a copy of kryteria.csv becomes a checkbox, no code change."""
    root = shutil.copytree(DEMO, tmp_path / "register")
    table = root / "slowniki" / "kryteria.csv"
    with table.open("a", encoding="utf-8") as f:
        f.write("koordynator_wolontariatu,kadra,Koordynator wolontariatu,obowiązkowe,"
                "Klub ma osobę dbającą o wolontariuszy.,\n")
    edited = read_register(root, AS_OF)
    text = str(founding.site_files(edited, ctx)["zakladanie-klubu/samoocena/index.md"])
    page = outline(text)
    kadra = next(f for f in page.fieldsets if f["legend"] == "Kryterium kadry")
    assert kadra["boxes"][-1]["name"] == "koordynator_wolontariatu"
    assert page.labels["kryterium-koordynator_wolontariatu"] == "Koordynator wolontariatu"
    assert page.ids["kryterium-koordynator_wolontariatu-opis"].startswith(
        "Klub ma osobę dbającą o wolontariuszy.")
    assert "Poniżej znajdziesz 22 kryteria" in text


def test_storage_key_depends_on_codes_only(register: Register) -> None:
    renamed = tuple(dataclasses.replace(c, name=c.name + "!") for c in register.criteria)
    assert selfcheck.storage_key(renamed) == selfcheck.storage_key(register.criteria)
    assert selfcheck.storage_key(register.criteria[1:]) != selfcheck.storage_key(
        register.criteria)
    assert re.fullmatch(r"kis-samoocena-v1-[0-9a-f]{12}", selfcheck.storage_key(
        register.criteria))


def test_form_links_resolve_to_the_form_or_the_forms_index() -> None:
    entry = {"formularz": 1, "etykieta": "Wniosek"}
    assert resolve(entry, {1: "formularze/wniosek/"}).href == "formularze/wniosek/"
    assert resolve(entry, {3: "formularze/karta-standardu/"}).href == "formularze/"
    assert resolve({"link": "dobre-praktyki/", "etykieta": "Bank"}, {}).href == "dobre-praktyki/"


# --- the worksheet: Python ------------------------------------------------------------------

def test_worked_example_with_defaults(files: dict[str, str | bytes]) -> None:
    spec = calc.load_spec()
    rows, verdict = calc.worked_example(spec)
    assert [(r.id, r.value) for r in rows] == [
        ("koszt_bez_klubu", "576\u00a0000,00\u00a0zł"), ("powroty", "18"),
        ("koszt_zaniechania", "172\u00a0800,00\u00a0zł"), ("bilans", "22\u00a0800,00\u00a0zł"),
        ("prog", "16"), ("prog_odsetek", "26,7%")]
    assert rows[0].words == ("Roczny koszt wsparcia bez klubu = liczba osób × miesięczny koszt "
                             "wsparcia × 12 miesięcy")
    assert rows[0].numbers == "60 × 800,00\u00a0zł × 12 = 576\u00a0000,00\u00a0zł"
    assert rows[4].numbers == ("150\u00a0000,00\u00a0zł ÷ (800,00\u00a0zł × 12), zaokrąglone "
                               "w górę = 16")
    assert verdict == ("Przy tych założeniach roczny koszt zaniechania (172\u00a0800,00\u00a0zł) "
                       "jest wyższy niż roczny koszt klubu (150\u00a0000,00\u00a0zł) o "
                       "22\u00a0800,00\u00a0zł. Liczba osób, które muszą wrócić do pracy, aby klub "
                       "się zwrócił: 16 (26,7% grupy).")
    text = _page(files, "zakladanie-klubu/kalkulator/index.md")
    assert "To narzędzie do planowania, a nie prognoza." in text
    for row in rows:
        assert f'<output data-kalk-wynik="{row.id}">{row.value}</output>' in text
        assert f'<span data-kalk-liczby="{row.id}">{row.numbers}</span>' in text
        assert f"<td data-label=\"Wzór\">{row.words}</td>" in text
    assert f'class="kis-kalkulator-verdict" aria-live="polite">{verdict}</p>' in text
    for item in spec["inputs"]:
        mode = "numeric" if item["step"] == "1" else "decimal"  # Polish typing, read by script
        assert (f'<input type="text" inputmode="{mode}" id="kalk-{item["id"]}" '
                f'name="{item["id"]}" value="{founding.number_attribute(item["default"])}"'
                ) in text
        assert f'<label for="kalk-{item["id"]}">{item["label"]}</label>' in text
    for assumption in spec["assumptions"]:
        assert str(escape(assumption)) in text
    # the browser's calculator reads the very same formulas
    data = re.search(r'<script type="application/json" id="kis-kalkulator-dane">(.*?)</script>',
                     text)
    assert data and json.loads(data.group(1)) == {k: v for k, v in spec.items() if k[0] != "_"}


def test_verdicts() -> None:
    spec = calc.load_spec()

    def verdict(**inputs: float | None) -> str:
        return calc.worked_example(spec, {**calc.defaults(spec), **inputs})[1]

    assert verdict(koszt_klubu=500000).startswith(
        "Przy tych założeniach roczny koszt zaniechania (172\u00a0800,00\u00a0zł) jest niższy")
    assert verdict(koszt_klubu=172800).startswith("Przy tych założeniach roczny koszt "
                                                  "zaniechania (172\u00a0800,00\u00a0zł) jest "
                                                  "równy")
    no_cost = verdict(koszt_miesieczny=0)
    assert "jest niższy" in no_cost and "co najmniej" not in no_cost  # no threshold to show
    assert verdict(osoby=None) == spec["verdict"]["missing"]


@pytest.mark.parametrize(("x", "low", "high", "text"), [
    (0, 2, 2, "0,00"), (1234.5, 2, 2, "1234,50"), (12345.678, 2, 2, "12\u00a0345,68"),
    (1000, 0, 2, "1000"), (10000, 0, 2, "10\u00a0000"), (-96000, 2, 2, "-96\u00a0000,00"),
    (-0.0, 2, 2, "0,00"), (-0.001, 2, 2, "-0,00"), (1.005, 2, 2, "1,01"), (2.675, 0, 2, "2,68"),
    (26.666666666666668, 0, 1, "26,7"), (1234567.895, 2, 2, "1\u00a0234\u00a0567,90"),
    (0.5, 0, 0, "1"), (-2.5, 0, 0, "-3"),
])
def test_format_number(x: float, low: int, high: int, text: str) -> None:
    assert number(x, low, high) == text


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: s["results"][0].update(expr=["*", "osoby", "nieznana"]), "unknown name"),
    (lambda s: s["results"][0].update(expr=["%", "osoby", 2]), "unknown operator"),
    (lambda s: s["results"][0].update(expr=["ceil", "osoby", 2]), "ceil takes one"),
    (lambda s: s["results"][0].update(expr=["*", "prog", 2]), "defined before use"),
    (lambda s: s["results"][0].update(format="euro"), "unknown format"),
    (lambda s: s["verdict"].update(zero="{brak}"), "unknown placeholder"),
    (lambda s: s["constants"].append({"id": "osoby", "value": 1, "short": "x"}), "duplicate"),
])
def test_spec_check_rejects_mistakes(change: Any, message: str) -> None:
    spec = calc.load_spec()
    change(spec)
    with pytest.raises(calc.SpecError, match=message):
        calc.check_spec(spec)


# --- the worksheet: Python and JavaScript agree ---------------------------------------------

FORMAT_VALUES = [0, -0.0, 0.1 + 0.2, 0.005, 0.015, 1.005, 2.675, 0.125, 1234.5, 12345.678,
                 99999.995, -1234.565, -96000, 1e15 + 0.5, 1e21, 123456789.125, 26.666666666666668,
                 1234567.895, 7.5, -0.001, 333.33333333333337]

NODE_FORMAT = """
const k = require(process.argv[1]);
const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
const row = v => data.digits.map(d => k.formatNumber(v, d[0], d[1]));
console.log(JSON.stringify(data.values.map(row)));
"""

NODE_COMPUTE = """
const k = require(process.argv[1]);
const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(data.inputs.map(i => k.compute(data.spec, i))));
"""


def _node(code: str, payload: object) -> Any:
    result = subprocess.run([NODE, "-e", code, str(KALKULATOR_JS)], input=json.dumps(payload),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_number_format_matches_intl() -> None:
    digits = [(0, 0), (0, 1), (0, 2), (2, 2), (1, 1)]
    js = _node(NODE_FORMAT, {"values": FORMAT_VALUES, "digits": digits})
    assert js == [[number(v, lo, hi) for lo, hi in digits] for v in FORMAT_VALUES]


def _input_sets(spec: dict[str, Any]) -> list[dict[str, float | None]]:
    rng = random.Random(20261122)
    sets: list[dict[str, float | None]] = [
        calc.defaults(spec),
        {"osoby": 0, "koszt_miesieczny": 0, "odsetek": 0, "koszt_klubu": 0},
        {"osoby": 100, "koszt_miesieczny": 1000, "odsetek": 20, "koszt_klubu": 240000},
        {"osoby": 40, "koszt_miesieczny": 0, "odsetek": 25, "koszt_klubu": 150000},
        {"osoby": None, "koszt_miesieczny": 700, "odsetek": 25, "koszt_klubu": 150000},
        {"osoby": 33, "koszt_miesieczny": 833.33, "odsetek": 33.3, "koszt_klubu": 99999.99},
        {"osoby": 1e6, "koszt_miesieczny": 12345.67, "odsetek": 100, "koszt_klubu": 1e9},
    ]
    for _ in range(60):
        sets.append({"osoby": float(rng.randint(0, 500)),
                     "koszt_miesieczny": round(rng.uniform(0, 5000), 2),
                     "odsetek": round(rng.uniform(0, 100), 1),
                     "koszt_klubu": round(rng.uniform(0, 1_000_000), 2)})
    return sets


def test_calculator_matches_python() -> None:
    spec = calc.load_spec()
    sets = _input_sets(spec)
    js = _node(NODE_COMPUTE, {"spec": spec, "inputs": sets})
    for inputs, got in zip(sets, js, strict=True):
        values = calc.evaluate(spec, inputs)
        rows, verdict = calc.worked_example(spec, inputs)
        assert got["values"] == values
        assert got["rows"] == [{"id": r.id, "numbers": r.numbers, "value": r.value}
                               for r in rows]
        assert got["verdict"] == verdict


def test_scripts_are_small_and_safe() -> None:
    for script in (KALKULATOR_JS, SAMOOCENA_JS):
        source = script.read_text(encoding="utf-8")
        assert len(source.encode()) < 11000  # the calculator reads Polish-typed numbers too
        for banned in ("eval(", "Function(", "innerHTML", "http://", "https://", "import ",
                       "fetch(", "XMLHttpRequest", "sendBeacon"):
            assert banned not in source, (script.name, banned)


# --- a real browser -------------------------------------------------------------------------

FOUNDING_CSS = "assets/kis/founding.css"


def _build_site(target: Path, register: Register, ctx: SiteContext) -> None:
    """The founding pages in the real theme: a small mkdocs build with the site's stylesheets
    and search (its button shapes the header on a phone)."""
    files = {**static.site_files(register, ctx), **search_index.site_files(register, ctx),
             **founding.site_files(register, ctx),
             "index.md": "---\ntitle: Start\n---\n\n# Start\n"}
    work = target.parent / "work"
    config_path = build.write_tree(work, register, files, ctx)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    if FOUNDING_CSS not in config["extra_css"]:
        config["extra_css"].append(FOUNDING_CSS)
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build.run_mkdocs(config_path, ctx.as_of)
    shutil.move(work / "site", target)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, register: Register,
           ctx: SiteContext) -> Iterator[str]:
    root = tmp_path_factory.mktemp("web")
    _build_site(root / "build" / PREFIX.strip("/"), register, ctx)
    with serve(root / "build") as base:
        yield base.rstrip("/") + PREFIX


@pytest.fixture
def page_options() -> dict[str, object]:
    return {"viewport": {"width": 1280, "height": 900}, "locale": "pl-PL"}


def _axe(page: Page) -> list[str]:
    """axe-core (the quality gate's copy, from npm) on the page as it is now."""
    assert AXE.is_file(), f"axe-core is missing ({AXE}); `npm ci` installs it"
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           [*AXE_TAGS, "best-practice"])
    assert len(result["passes"]) > 20  # axe ran and checked the page
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


SELF_CHECK = "/zakladanie-klubu/samoocena/"
CALCULATOR = "/zakladanie-klubu/kalkulator/"
PAGES = ["/zakladanie-klubu/", SELF_CHECK, CALCULATOR]


def test_browser_self_check_keyboard_and_persistence(page: Page, server: str,
                                                     register: Register) -> None:
    page.goto(server + SELF_CHECK)
    status = page.locator("#kis-samoocena-stan")
    expect(status).to_have_text("Spełnione kryteria: 0 z 21. Brakuje jeszcze: 21.")
    boxes = page.locator("#kis-samoocena input[type=checkbox]")
    first = register.criteria[0].code
    page.locator(f"#kryterium-{first}").focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # skip the third one
    page.keyboard.press("Space")
    chosen = [register.criteria[i].code for i in (0, 1, 3)]
    expect(status).to_have_text("Spełnione kryteria: 3 z 21. Brakuje jeszcze: 18.")
    for code in chosen:
        expect(page.locator(f'[data-brak="{code}"]')).to_be_hidden()
    expect(page.locator(f'[data-brak="{register.criteria[2].code}"]')).to_be_visible()
    expect(page.locator("#kis-samoocena-gotowe")).to_be_hidden()
    key = page.locator("#kis-samoocena").get_attribute("data-storage-key")
    assert json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})")) == chosen

    page.reload()
    expect(status).to_have_text("Spełnione kryteria: 3 z 21. Brakuje jeszcze: 18.")
    checked = [b.get_attribute("name") for b in boxes.all() if b.is_checked()]
    assert checked == chosen
    # a whole group met: its "what next" disappears with it
    for c in register.criteria:
        if c.group == "baza_lokalowa":
            page.locator(f"#kryterium-{c.code}").check()
    expect(page.locator('[data-brak-grupa="baza_lokalowa"]')).to_be_hidden()
    expect(page.locator('[data-brak-grupa="kadra"]')).to_contain_text("Co dalej:")


def test_browser_self_check_all_met_then_cleared(page: Page, server: str) -> None:
    page.goto(server + SELF_CHECK)
    boxes = page.locator("#kis-samoocena input[type=checkbox]")
    for box in boxes.all():
        box.check()
    expect(page.locator("#kis-samoocena-stan")).to_have_text("Spełnione kryteria: 21 z 21.")
    done = page.locator("#kis-samoocena-gotowe a")
    expect(done).to_have_text("Złóż wniosek – formularz 1")
    expect(done).to_have_attribute("href", "../../formularze/wniosek/")
    expect(page.locator("#kis-samoocena-braki")).to_be_hidden()
    page.locator("#kis-samoocena-wyczysc").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#kis-samoocena-stan")).to_have_text(
        "Odpowiedzi wyczyszczone. Spełnione kryteria: 0 z 21. Brakuje jeszcze: 21.")
    assert not any(b.is_checked() for b in boxes.all())
    assert page.evaluate("Object.keys(localStorage).length") == 0


def test_browser_self_check_forgets_answers_to_other_criteria(page: Page, server: str) -> None:
    page.goto(server + SELF_CHECK)
    page.evaluate("""localStorage.setItem("kis-samoocena-v1-000000000000",
                     JSON.stringify(["lider"]))""")
    page.reload()
    expect(page.locator("#kryterium-lider")).not_to_be_checked()
    assert page.evaluate("Object.keys(localStorage)") == []


def _fill(page: Page, inputs: dict[str, float]) -> None:
    for name, value in inputs.items():
        page.locator(f"#kalk-{name}").fill(founding.number_attribute(value))


@pytest.mark.parametrize("inputs", [
    {"osoby": 100, "koszt_miesieczny": 1000, "odsetek": 20, "koszt_klubu": 200000},
    {"osoby": 25, "koszt_miesieczny": 612.5, "odsetek": 12.5, "koszt_klubu": 180000},
])
def test_browser_calculator_computes(page: Page, server: str,
                                     inputs: dict[str, float]) -> None:
    page.goto(server + CALCULATOR)
    expect(page.locator("#kis-kalkulator-akcje")).to_be_visible()
    _fill(page, inputs)
    rows, verdict = calc.worked_example(calc.load_spec(), dict(inputs))
    for row in rows:
        expect(page.locator(f'[data-kalk-wynik="{row.id}"]')).to_have_text(row.value)
        expect(page.locator(f'[data-kalk-liczby="{row.id}"]')).to_have_text(row.numbers)
    expect(page.locator("#kis-kalkulator-werdykt")).to_have_text(verdict)


def test_browser_calculator_known_numbers(page: Page, server: str) -> None:
    page.goto(server + CALCULATOR)
    _fill(page, {"osoby": 100, "koszt_miesieczny": 1000, "odsetek": 20, "koszt_klubu": 200000})
    expected = {"koszt_bez_klubu": "1\u00a0200\u00a0000,00\u00a0zł", "powroty": "20",
                "koszt_zaniechania": "240\u00a0000,00\u00a0zł",
                "bilans": "40\u00a0000,00\u00a0zł", "prog": "17", "prog_odsetek": "17%"}
    for name, value in expected.items():
        expect(page.locator(f'[data-kalk-wynik="{name}"]')).to_have_text(value)


def test_browser_calculator_invalid_input_and_reset(page: Page, server: str) -> None:
    page.goto(server + CALCULATOR)
    field = page.locator("#kalk-odsetek")
    field.fill("150")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#kalk-odsetek-blad")).to_have_text("Wpisz liczbę od 0 do 100.")
    spec = calc.load_spec()
    expect(page.locator("#kis-kalkulator-werdykt")).to_have_text(spec["verdict"]["missing"])
    expect(page.locator('[data-kalk-wynik="powroty"]')).to_have_text("—")
    page.locator("#kalk-osoby").fill("2.5")
    expect(page.locator("#kalk-osoby-blad")).to_have_text("Wpisz liczbę całkowitą.")
    page.locator("#kalk-koszt_klubu").fill("-5")
    expect(page.locator("#kalk-koszt_klubu-blad")).to_have_text(
        "Wpisz liczbę nie mniejszą niż 0.")
    page.locator("#kalk-koszt_miesieczny").fill("")
    expect(page.locator("#kalk-koszt_miesieczny-blad")).to_have_text("Wpisz liczbę.")
    page.locator("#kis-kalkulator-domyslne").focus()
    page.keyboard.press("Enter")
    expect(field).to_have_value("30")
    expect(field).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#kalk-odsetek-blad")).to_be_hidden()
    _, verdict = calc.worked_example(spec)
    expect(page.locator("#kis-kalkulator-werdykt")).to_have_text(verdict)


def test_browser_calculator_keyboard_order(page: Page, server: str) -> None:
    page.goto(server + CALCULATOR)
    page.locator("#kalk-osoby").focus()
    order = []
    for _ in range(5):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order == ["kalk-koszt_miesieczny", "kalk-odsetek", "kalk-koszt_klubu",
                     "kis-kalkulator-domyslne", "kis-kalkulator-drukuj"]
    outline_style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline_style != "none"


CONTENT_RIGHT = """() => Math.max(...Array.from(document.querySelectorAll('.kis-page *'))
    .map(e => e.getBoundingClientRect().right))"""


@pytest.mark.parametrize("width", [390, 320])  # a phone; 320 px is WCAG's reflow width
@pytest.mark.parametrize("path", PAGES)
def test_browser_fits_a_phone(browser: Browser, server: str, path: str, width: int) -> None:
    with guarded_page(browser, viewport={"width": width, "height": 844}, locale="pl-PL",
                      is_mobile=True, has_touch=True) as page:
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate(CONTENT_RIGHT) <= width  # nothing of ours sticks out
        assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("path", PAGES)
def test_browser_axe(page: Page, server: str, path: str) -> None:
    page.goto(server + path)
    if path == SELF_CHECK:
        page.locator("#kis-samoocena input[type=checkbox]").first.check()
    if path == CALCULATOR:
        page.locator("#kalk-odsetek").fill("150")  # an error message on screen
    assert _axe(page) == []


def test_browser_without_javascript(browser: Browser, server: str) -> None:
    with guarded_page(browser, java_script_enabled=False) as page:
        page.goto(server + SELF_CHECK)
        expect(page.locator("#kis-samoocena-akcje")).to_be_hidden()
        expect(page.locator("#kis-samoocena input[type=checkbox]")).to_have_count(21)
        page.locator("#kis-samoocena input[type=checkbox]").first.check()  # still a checklist
        expect(page.locator("#kis-samoocena-stan")).to_contain_text("formularz 1")
        page.goto(server + CALCULATOR)
        expect(page.locator("#kis-kalkulator-akcje")).to_be_hidden()
        rows, verdict = calc.worked_example(calc.load_spec())
        expect(page.locator("#kis-kalkulator-werdykt")).to_have_text(verdict)
        expect(page.locator('[data-kalk-wynik="bilans"]')).to_have_text(rows[3].value)


def test_browser_print_hides_controls(page: Page, server: str) -> None:
    for path in (SELF_CHECK, CALCULATOR):
        page.goto(server + path)
        page.emulate_media(media="print")
        expect(page.locator(".kis-founding-actions")).to_be_hidden()
        expect(page.locator(".md-header")).to_be_hidden()
        expect(page.locator("h1")).to_be_visible()
        page.emulate_media(media="screen")
    expect(page.locator("#kis-kalkulator-werdykt")).to_be_visible()


# --- numbers as Polish people type them (issue 18, item 9) ----------------------------------

READ_CASES = [  # (input, typed, value or None)
    ("koszt_miesieczny", "800,50", 800.5),
    ("koszt_miesieczny", "800.50", 800.5),
    ("koszt_klubu", "150 000 zł", 150000.0),
    ("koszt_klubu", "150\u00a0000", 150000.0),
    ("koszt_klubu", "1\u202f200,5", 1200.5),
    ("koszt_klubu", "1\u2009000 PLN", 1000.0),
    ("osoby", "1 200", 1200.0),
    ("osoby", "60 osób", 60.0),
    ("odsetek", "30 %", 30.0),
    ("koszt_klubu", "1.200", None),  # 1200 or 1,2? refused, never guessed
    ("koszt_klubu", "12 00", None),
    ("koszt_klubu", "800,50,1", None),
    ("koszt_klubu", "sto", None),
    ("koszt_klubu", "", None),
    ("osoby", "2,5", None),
    ("odsetek", "150", None),
    ("koszt_klubu", "-5", None),
]


@pytest.mark.parametrize(("name", "typed", "value"), READ_CASES)
def test_read_number_polish(name: str, typed: str, value: float | None) -> None:
    spec = calc.load_spec()
    item = next(i for i in spec["inputs"] if i["id"] == name)
    got, problem = calc.read_number(spec, item, typed)
    assert got == value
    assert bool(problem) is (value is None)


def test_read_number_says_what_is_ambiguous() -> None:
    spec = calc.load_spec()
    item = next(i for i in spec["inputs"] if i["id"] == "koszt_klubu")
    _, problem = calc.read_number(spec, item, "1.200")
    assert "1200" in problem and "1,2" in problem


NODE_READ = """
const k = require(process.argv[1]);
const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(data.cases.map(c => k.readNumber(data.spec,
  data.spec.inputs.find(i => i.id === c[0]), c[1]))));
"""


def test_read_number_matches_python() -> None:
    spec = calc.load_spec()
    texts = [typed for _, typed, _ in READ_CASES] + ["5,", ",5", " 1 200 ZŁ ", "\u22123",
                                                     "0,001", "1.2345", "1 200.500", "1,200"]
    cases = [[i["id"], t] for i in spec["inputs"] for t in texts]
    js = _node(NODE_READ, {"spec": spec, "cases": cases})
    items = {i["id"]: i for i in spec["inputs"]}
    for (name, typed), got in zip(cases, js, strict=True):
        value, problem = calc.read_number(spec, items[name], typed)
        assert (got["value"], got["message"]) == (value, problem), (name, typed)


def test_browser_calculator_reads_polish_numbers(page: Page, server: str) -> None:
    page.goto(server + CALCULATOR)
    page.locator("#kalk-osoby").fill("100")
    page.locator("#kalk-koszt_miesieczny").fill("800,50")
    page.locator("#kalk-odsetek").fill("20")
    page.locator("#kalk-koszt_klubu").fill("150 000 zł")
    spec = calc.load_spec()
    inputs = {"osoby": 100, "koszt_miesieczny": 800.5, "odsetek": 20, "koszt_klubu": 150000}
    rows, verdict = calc.worked_example(spec, dict(inputs))
    for row in rows:
        expect(page.locator(f'[data-kalk-wynik="{row.id}"]')).to_have_text(row.value)
    expect(page.locator("#kis-kalkulator-werdykt")).to_have_text(verdict)
    expect(page.locator("#kalk-koszt_miesieczny")).not_to_have_attribute("aria-invalid", "true")
    # a number it cannot be sure of: a message beside the field, no result at all
    field = page.locator("#kalk-koszt_klubu")
    field.fill("1.200")
    expect(field).to_have_attribute("aria-invalid", "true")
    error = page.locator("#kalk-koszt_klubu-blad")
    expect(error).to_be_visible()
    expect(error).to_contain_text("1200")
    assert "kalk-koszt_klubu-blad" in (field.get_attribute("aria-describedby") or "")
    expect(page.locator('[data-kalk-wynik="bilans"]')).to_have_text(spec["empty"])
    expect(page.locator("#kis-kalkulator-werdykt")).to_have_text(spec["verdict"]["missing"])
    # what was typed survives a reload
    page.reload()
    expect(page.locator("#kalk-koszt_miesieczny")).to_have_value("800,50")
    expect(page.locator("#kalk-koszt_klubu")).to_have_value("1.200")
