"""Maps: point lookup, projection, simplification and the SVG/HTML the renderer produces."""

from __future__ import annotations

import gzip
import math
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from generator.geo import boundaries as geo
from generator.geo import projection as mg
from generator.parts import map_svg as rm
from generator.polish import plural

ROOT = Path(__file__).resolve().parents[1]
GEOJSON = ROOT / "register" / "granice" / "wojewodztwa.geojson"
MAP_CSS = ROOT / "site_templates" / "assets" / "map.css"
SVG = "{http://www.w3.org/2000/svg}"

CAPITALS = {
    "02": ("Wrocław", 51.11, 17.03),
    "04": ("Bydgoszcz", 53.12, 18.01),
    "06": ("Lublin", 51.25, 22.57),
    "08": ("Gorzów Wielkopolski", 52.73, 15.24),
    "10": ("Łódź", 51.76, 19.46),
    "12": ("Kraków", 50.06, 19.94),
    "14": ("Warszawa", 52.23, 21.01),
    "16": ("Opole", 50.67, 17.93),
    "18": ("Rzeszów", 50.04, 22.00),
    "20": ("Białystok", 53.13, 23.16),
    "22": ("Gdańsk", 54.35, 18.65),
    "24": ("Katowice", 50.26, 19.02),
    "26": ("Kielce", 50.87, 20.63),
    "28": ("Olsztyn", 53.78, 20.48),
    "30": ("Poznań", 52.41, 16.93),
    "32": ("Szczecin", 53.43, 14.55),
}
HOSTILE = """Klub <script>alert("x")</script> & 'Spółka' "Razem\""""


@pytest.fixture(scope="module")
def boundaries() -> geo.Boundaries:
    return geo.load_boundaries(GEOJSON)


def regions_for(boundaries: geo.Boundaries, counts: dict[str, int]) -> list[rm.RegionInfo]:
    return [
        rm.RegionInfo(r.teryt, r.name, f"/wojewodztwa/{r.teryt}/", counts.get(r.teryt, 0))
        for r in boundaries.regions
    ]


def synthetic_dots(
    boundaries: geo.Boundaries, n: int, seed: int = 7
) -> list[tuple[str, rm.DotInfo]]:
    """``n`` clubs at random points inside Poland, with long names, as (teryt, dot)."""
    rnd = random.Random(seed)
    out: list[tuple[str, rm.DotInfo]] = []
    while len(out) < n:
        lat, lon = round(rnd.uniform(49.0, 54.9), 5), round(rnd.uniform(14.1, 24.2), 5)
        teryt = geo.voivodeship_at(boundaries, lat, lon)
        if teryt is None:
            continue
        club_id = f"KIS-{teryt}-{len(out) + 1:03d}"
        name = f"Klub Integracji Społecznej przy Ośrodku Pomocy Społecznej nr {len(out) + 1}"
        dot = rm.DotInfo(
            club_id, name, "Miejscowość Przykładowa", lat, lon, f"/kluby/{club_id.lower()}/"
        )
        out.append((teryt, dot))
    return out


def parse(svg: str) -> ET.Element:
    """The SVG must be well-formed XML (so also safe inline in HTML)."""
    return ET.fromstring(svg)


def links(root: ET.Element, cls: str) -> list[ET.Element]:
    return [a for a in root.iter(f"{SVG}a") if cls in a.get("class", "").split()]


# --- Polish plurals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 certyfikowanych klubów"),
        (1, "1 certyfikowany klub"),
        (2, "2 certyfikowane kluby"),
        (4, "4 certyfikowane kluby"),
        (5, "5 certyfikowanych klubów"),
        (11, "11 certyfikowanych klubów"),
        (12, "12 certyfikowanych klubów"),
        (14, "14 certyfikowanych klubów"),
        (21, "21 certyfikowanych klubów"),
        (22, "22 certyfikowane kluby"),
        (24, "24 certyfikowane kluby"),
        (25, "25 certyfikowanych klubów"),
        (112, "112 certyfikowanych klubów"),
        (123, "123 certyfikowane kluby"),
    ],
)
def test_clubs_phrase_uses_polish_plural_forms(n: int, expected: str) -> None:
    assert rm.clubs_phrase(n) == expected


def test_plural_module_forms() -> None:
    forms = [plural(n, "klub", "kluby", "klubów") for n in (1, 3, 13, 33, 100)]
    assert forms == ["klub", "kluby", "klubów", "kluby", "klubów"]


def test_region_label() -> None:
    assert rm.region_label("pomorskie", 4) == "pomorskie: 4 certyfikowane kluby"
    assert rm.region_label("opolskie", 1) == "opolskie: 1 certyfikowany klub"


# --- Point lookup --------------------------------------------------------------------------


@pytest.mark.parametrize(("teryt", "city", "lat", "lon"), [(k, *v) for k, v in CAPITALS.items()])
def test_voivodeship_at_capitals(
    boundaries: geo.Boundaries, teryt: str, city: str, lat: float, lon: float
) -> None:
    assert geo.voivodeship_at(boundaries, lat, lon) == teryt, city
    assert geo.contains(boundaries, teryt, lat, lon)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(52.52, 13.40), (54.69, 25.28), (float("nan"), 19.0), (52.0, float("inf")), (0.0, 0.0)],
)
def test_voivodeship_at_outside_poland(boundaries: geo.Boundaries, lat: float, lon: float) -> None:
    assert geo.voivodeship_at(boundaries, lat, lon) is None


def test_contains_rejects_wrong_voivodeship_and_unknown_code(boundaries: geo.Boundaries) -> None:
    assert not geo.contains(boundaries, "14", 50.06, 19.94)  # Kraków is not in mazowieckie
    assert not geo.contains(boundaries, "14", 50.06, 19.94, tolerance_km=5)
    assert not geo.contains(boundaries, "99", 52.23, 21.01)
    assert geo.distance_km(boundaries, "12", 50.06, 19.94) == 0
    assert 200 < geo.distance_km(boundaries, "22", 50.06, 19.94) < 400


def test_tolerance_accepts_points_just_across_a_border(boundaries: geo.Boundaries) -> None:
    # A vertex on the małopolskie/śląskie border, nudged ~200 m into one of them.
    shared = set(boundaries.by_teryt["12"].rings[0]) & set(boundaries.by_teryt["24"].rings[0])
    lon, lat = min(shared)
    for d_lon in (0.003, -0.003):
        owner = geo.voivodeship_at(boundaries, lat, lon + d_lon)
        assert owner in ("12", "24")
        other = "24" if owner == "12" else "12"
        assert not geo.contains(boundaries, other, lat, lon + d_lon)
        assert geo.contains(boundaries, other, lat, lon + d_lon, tolerance_km=0.5)


def _naive_inside(ring: tuple[tuple[float, float], ...], lat: float, lon: float) -> bool:
    inside = False
    for i, (ax, ay) in enumerate(ring):
        bx, by = ring[(i + 1) % len(ring)]
        if (ay > lat) != (by > lat) and lon < ax + (lat - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


def test_indexed_lookup_agrees_with_plain_ray_casting(boundaries: geo.Boundaries) -> None:
    rnd = random.Random(2024)
    vertices = [p for r in boundaries.regions for p in r.rings[0]]
    points = [(rnd.uniform(48.9, 55.0), rnd.uniform(14.0, 24.3)) for _ in range(400)]
    for lon, lat in rnd.sample(vertices, 400):  # near borders, where mistakes would show
        points.append((lat + rnd.uniform(-0.01, 0.01), lon + rnd.uniform(-0.01, 0.01)))
    for lat, lon in points:
        naive = [
            r.teryt
            for r in boundaries.regions
            if r.bbox[0] <= lon <= r.bbox[2]
            and r.bbox[1] <= lat <= r.bbox[3]
            and _naive_inside(r.rings[0], lat, lon)
        ]
        assert len(naive) <= 1
        assert geo.voivodeship_at(boundaries, lat, lon) == (naive[0] if naive else None)


def test_points_on_shared_borders_belong_to_exactly_one_voivodeship(
    boundaries: geo.Boundaries,
) -> None:
    ring = boundaries.by_teryt["10"].rings[0]
    for i in range(0, len(ring), 37):
        (ax, ay), (bx, by) = ring[i], ring[(i + 1) % len(ring)]
        lon, lat = (ax + bx) / 2, (ay + by) / 2
        owners = [
            r.teryt for r in boundaries.regions if geo.contains(boundaries, r.teryt, lat, lon)
        ]
        assert len(owners) <= 1
        if geo.voivodeship_at(boundaries, lat, lon) is None:  # only on Poland's outer border
            assert owners == []


# --- Projection ----------------------------------------------------------------------------


def test_projection_orientation() -> None:
    gdansk, krakow = geo.project(18.65, 54.35), geo.project(19.94, 50.06)
    szczecin, bialystok = geo.project(14.55, 53.43), geo.project(23.16, 53.13)
    assert gdansk[1] < krakow[1]
    assert szczecin[0] < bialystok[0]


def test_poland_fits_the_national_view_with_a_sane_aspect(boundaries: geo.Boundaries) -> None:
    points = [geo.project(lon, lat) for r in boundaries.regions for lon, lat in r.rings[0]]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 1.0 <= width / height <= 1.25
    margin = geo.NATIONAL_MARGIN
    assert min(xs) >= 0 and min(ys) >= 0
    assert max(xs) <= geo.NATIONAL_WIDTH and max(ys) <= geo.NATIONAL_HEIGHT
    # The fitted constants still hug the data: at most 1 unit of slack beyond the margin.
    assert min(xs) <= margin + 1 and min(ys) <= margin + 1
    assert max(xs) >= geo.NATIONAL_WIDTH - margin - 1
    assert max(ys) >= geo.NATIONAL_HEIGHT - margin - 1


def test_projection_is_conformal_enough() -> None:
    """1° of latitude and 1° of longitude at 52°N keep their true length ratio (cos 52°)."""
    x0, y0 = geo.lcc_km(19.0, 52.0)
    _, y1 = geo.lcc_km(19.0, 53.0)
    x2, _ = geo.lcc_km(20.0, 52.0)
    assert abs((x2 - x0) / (y1 - y0) - math.cos(math.radians(52))) < 0.01


# --- Geometry ------------------------------------------------------------------------------


def test_douglas_peucker_keeps_ends_and_big_bends() -> None:
    line = [(0.0, 0.0), (1.0, 0.1), (2.0, -0.1), (3.0, 5.0), (4.0, 6.0), (5.0, 0.0)]
    assert mg.douglas_peucker(line, 0.5) == [
        (0.0, 0.0),
        (2.0, -0.1),
        (3.0, 5.0),
        (4.0, 6.0),
        (5.0, 0.0),
    ]
    assert mg.douglas_peucker(line, 0.7) == [(0.0, 0.0), (2.0, -0.1), (4.0, 6.0), (5.0, 0.0)]
    assert mg.douglas_peucker(line, 100) == [(0.0, 0.0), (5.0, 0.0)]
    assert mg.douglas_peucker(line, 0) == line


def test_simplified_voivodeships_share_borders_without_gaps(boundaries: geo.Boundaries) -> None:
    rings = mg.region_rings(boundaries, geo.NATIONAL_VIEW, rm.NATIONAL_TOLERANCE)
    assert sorted(rings) == sorted(boundaries.by_teryt)
    edges: Counter[tuple[tuple[int, int], tuple[int, int]]] = Counter()
    for region_rings in rings.values():
        for ring in region_rings:
            assert len(set(ring)) == len(ring)  # no repeated points
            for i, a in enumerate(ring):
                b = ring[(i + 1) % len(ring)]
                edges[(min(a, b), max(a, b))] += 1
    assert set(edges.values()) <= {1, 2}
    # Edges drawn once form Poland's outline: a closed loop, every vertex of degree 2.
    degree: Counter[tuple[int, int]] = Counter()
    for (a, b), n in edges.items():
        if n == 1:
            degree[a] += 1
            degree[b] += 1
    assert degree and set(degree.values()) == {2}
    total = sum(len(r) for region_rings in rings.values() for r in region_rings)
    original = sum(len(r.rings[0]) for r in boundaries.regions)
    assert total < original / 2


def test_path_data_is_compact_and_relative() -> None:
    d = mg.path_data((((10, 20), (15, 20), (15, 5)),))
    assert d == "M1 2l.5 0 0-1.5z"


# --- National map ---------------------------------------------------------------------------


def test_every_voivodeship_is_a_link_with_a_polish_name(boundaries: geo.Boundaries) -> None:
    counts = {"22": 4, "12": 1, "14": 12, "24": 22}
    svg = rm.national_map(boundaries, regions_for(boundaries, counts), [])
    root = parse(svg)
    found = {a.get("href"): a.get("aria-label") for a in links(root, "kis-map-region")}
    assert len(found) == 16
    for region in boundaries.regions:
        label = found[f"/wojewodztwa/{region.teryt}/"]
        assert label == rm.region_label(region.name, counts.get(region.teryt, 0))
    assert found["/wojewodztwa/22/"] == "pomorskie: 4 certyfikowane kluby"
    assert found["/wojewodztwa/24/"] == "śląskie: 22 certyfikowane kluby"
    assert found["/wojewodztwa/02/"] == "dolnośląskie: 0 certyfikowanych klubów"
    # Colour is not the only carrier: each count is printed, zero regions are also hatched.
    label_texts = sorted(t.text or "" for t in root.iter(f"{SVG}text"))
    assert label_texts == sorted(str(counts.get(r.teryt, 0)) for r in boundaries.regions)
    assert svg.count('fill="url(#kis-mapa-pl-h)"') == 12


def _marks(root: ET.Element, cls: str) -> list[tuple[int, int]]:
    """The points of the national map's marks of class ``cls`` (``M x y h0`` segments)."""
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == cls]
    assert len(groups) == 1, cls
    path = groups[0].find(f"{SVG}defs/{SVG}path")
    assert path is not None
    d = path.get("d") or ""
    return [(int(x), int(y)) for x, y in re.findall(r"M(-?\d+) (-?\d+)h0", d)]


def test_national_map_marks_clubs_without_a_link_each(boundaries: geo.Boundaries) -> None:
    """5,000 clubs must not be 5,000 links on the home page: clubs are unlinked marks; each
    voivodeship links to its own map, where every club is a link."""
    placed = [d for _, d in synthetic_dots(boundaries, 40)]
    others = [rm.DotInfo(f"KIS-X-{n}", "Inny", "Sopot", d.lat, d.lon, "/kluby/x/", False)
              for n, d in enumerate(placed[:5])]
    missing = rm.DotInfo("KIS-22-900", "Klub bez adresu", "Sopot", None, None, "/kluby/x/")
    svg = rm.national_map(boundaries, regions_for(boundaries, {}), [*placed, *others, missing])
    root = parse(svg)
    assert links(root, "kis-map-dot") == []
    hrefs = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert len(hrefs) == 16 and all(h and h.startswith("/wojewodztwa/") for h in hrefs)
    assert len(_marks(root, "kis-map-marks")) == len(placed)
    assert len(_marks(root, "kis-map-marks kis-map-marks--other")) == len(others)
    # Certified clubs stand out: drawn last (on top), larger, dark with a halo; the others are
    # small hollow rings drawn first.
    assert svg.index("kis-map-marks--other") < svg.index('<g class="kis-map-marks" ')
    groups = {g.get("class"): g for g in root.iter(f"{SVG}g")
              if "kis-map-marks" in (g.get("class") or "")}

    def strokes(cls: str) -> list[tuple[str, float]]:
        return [(u.get("stroke") or "", float(u.get("stroke-width") or 0))
                for u in groups[cls].iter(f"{SVG}use")]
    certified, other = strokes("kis-map-marks"), strokes("kis-map-marks kis-map-marks--other")
    assert certified[-1][0] == rm.DOT and other[-1][0] == rm.OTHER_DOT_FILL
    assert certified[-1][1] > other[0][1]  # the certified dot is bigger than the whole ring
    assert all(g.get("aria-hidden") == "true" for g in groups.values())
    note = rm.unplaced([*placed, missing])
    assert "niezaznaczone na mapie: 1" in note and 'href="/kluby/x/"' in note
    assert rm.unplaced(placed) == ""


def test_svg_is_an_accessible_group(boundaries: geo.Boundaries) -> None:
    root = parse(rm.national_map(boundaries, regions_for(boundaries, {}), []))
    assert root.get("role") == "group"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and root.get("aria-labelledby") == title.get("id")
    assert desc is not None and root.get("aria-describedby") == desc.get("id")
    labels = root.find(f"{SVG}g[@class='kis-map-labels']")
    assert labels is not None and labels.get("aria-hidden") == "true"


def test_national_map_with_300_clubs_fits_the_budget(boundaries: geo.Boundaries) -> None:
    pairs = synthetic_dots(boundaries, 300)
    counts = Counter(teryt for teryt, _ in pairs)
    svg = rm.national_map(boundaries, regions_for(boundaries, counts), [d for _, d in pairs])
    assert len(svg.encode("utf-8")) <= 150_000
    assert len(_marks(parse(svg), "kis-map-marks")) == 300


def test_national_map_of_5000_clubs_stays_light(boundaries: geo.Boundaries) -> None:
    """Issue #19: the home page's map at 5,000 clubs, well under the page budget of 150 KiB."""
    pairs = synthetic_dots(boundaries, 5000)
    counts = Counter(teryt for teryt, _ in pairs)
    svg = rm.national_map(boundaries, regions_for(boundaries, counts), [d for _, d in pairs])
    assert len(gzip.compress(svg.encode("utf-8"))) <= 60 * 1024
    assert svg.count("<a ") == 16


def test_output_is_deterministic_and_independent_of_input_order(
    boundaries: geo.Boundaries,
) -> None:
    pairs = synthetic_dots(boundaries, 50)
    regions = regions_for(boundaries, Counter(t for t, _ in pairs))
    dots = [d for _, d in pairs]
    first = rm.national_map(boundaries, regions, dots)
    assert first == rm.national_map(boundaries, regions[::-1], dots[::-1])
    assert not first.startswith("<?xml")


def test_hostile_names_are_escaped(boundaries: geo.Boundaries) -> None:
    dot = rm.DotInfo("KIS-14-001", HOSTILE, "Wa<r>szawa & okolice", 52.23, 21.01, "/k?a=1&b=2")
    regions = [rm.RegionInfo(r.teryt, HOSTILE, "/w/", 1) for r in boundaries.regions]
    outputs = [
        rm.national_map(boundaries, regions, [dot]),
        rm.voivodeship_map(boundaries, "14", [dot]),
        str(rm.locator_svg(rm.locator(boundaries, "14", 52.23, 21.01, HOSTILE))),
    ]
    for svg in outputs:
        assert "<script" not in svg
        root = parse(svg)
        assert HOSTILE in [el.get("aria-label") for el in root.iter()] or HOSTILE in "".join(
            root.itertext()
        )
    for html in (
        rm.unplaced([rm.DotInfo("x", HOSTILE, "", None, None, "/")]),
        rm.regions_table(regions),
        rm.legend(regions),
    ):
        assert "<script" not in html


def test_unknown_voivodeship_is_an_error(boundaries: geo.Boundaries) -> None:
    with pytest.raises(ValueError, match="99"):
        rm.national_map(boundaries, [rm.RegionInfo("99", "x", "/", 1)], [])


# --- Classes, legend and contrast ----------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([0, 0], ()),
        ([0, 3], ((1, 1), (2, 2), (3, 3))),
        ([1, 12], ((1, 3), (4, 6), (7, 9), (10, 12))),
        ([5, 26], ((1, 10), (11, 20), (21, 30))),
        ([37], ((1, 10), (11, 20), (21, 30), (31, 40))),
    ],
)
def test_count_classes(counts: list[int], expected: tuple[tuple[int, int], ...]) -> None:
    assert rm.count_classes(counts) == expected


def test_legend_matches_the_map_classes(boundaries: geo.Boundaries) -> None:
    regions = regions_for(boundaries, {"22": 4, "14": 12})
    html = rm.legend(regions)
    for text in ("> 0</li>", "> 1–3</li>", "> 4–6</li>", "> 7–9</li>", "> 10–12</li>"):
        assert text in html
    svg = rm.national_map(boundaries, regions, [])
    assert 'class="kis-map-region kis-map-c4"' in svg  # 12 is in the darkest class
    assert 'class="kis-map-swatch kis-map-c4"' in html


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_palette_contrast() -> None:
    for fill in (*rm.CLASS_FILLS, rm.ZERO_FILL, rm.VOIVODESHIP_FILL, rm.HIGHLIGHT_FILL):
        assert _contrast(fill, rm.BOUNDARY) >= 3, fill
        assert _contrast(fill, rm.DOT) >= 3, fill
        assert _contrast(fill, rm.TEXT) >= 4.5, fill
    assert _contrast(rm.BOUNDARY, "#ffffff") >= 3
    assert _contrast(rm.CONTEXT_STROKE, "#ffffff") >= 3
    assert _contrast(rm.DOT, rm.HALO) >= 3
    lightness = [_luminance(c) for c in rm.CLASS_FILLS]
    assert lightness == sorted(lightness, reverse=True)  # sequential: darker = more clubs


# --- Voivodeship and locator maps -----------------------------------------------------------


def test_voivodeship_map_links_its_clubs(boundaries: geo.Boundaries) -> None:
    pairs = synthetic_dots(boundaries, 120)
    mine = [d for t, d in pairs if t == "22"]
    svg = rm.voivodeship_map(boundaries, "22", mine)
    root = parse(svg)
    assert sorted(a.get("href") for a in links(root, "kis-map-dot")) == sorted(d.href for d in mine)
    assert root.findtext(f"{SVG}title") == "Mapa: województwo pomorskie"
    assert root.get("id") is None and 'id="kis-mapa-22-t"' in svg
    # Neighbours are drawn as faint context, hidden from assistive technology.
    assert 2 <= len(root.findall(f"{SVG}g[@aria-hidden='true']/{SVG}path")) < 15


def test_locator_map(boundaries: geo.Boundaries) -> None:
    with_point = parse(str(rm.locator_svg(
        rm.locator(boundaries, "12", 50.06, 19.94, "Klub „Razem”, Kraków"))))
    assert with_point.get("role") == "img"
    assert with_point.findtext(f"{SVG}title") == (
        "Położenie na mapie Polski: Klub „Razem”, Kraków, województwo małopolskie"
    )
    assert len(list(with_point.iter(f"{SVG}circle"))) == 1
    assert not list(with_point.iter(f"{SVG}a"))
    without = parse(str(rm.locator_svg(rm.locator(boundaries, "20", None, None, "Klub X"))))
    assert "brak współrzędnych" in (without.findtext(f"{SVG}title") or "")
    assert not list(without.iter(f"{SVG}circle"))


# --- Snippets and the stylesheet ------------------------------------------------------------


def test_attribution_names_the_source() -> None:
    html = rm.attribution()
    assert "PRG" in html and "GUGiK" in html and "geoportal.gov.pl" in html
    assert "github.com/waszkiewiczja/GeoJSON-Polska-Wojewodztwa-Powiaty-Gminy" in html


def test_regions_table_says_the_same_as_the_map(boundaries: geo.Boundaries) -> None:
    html = rm.regions_table(regions_for(boundaries, {"22": 4, "14": 3}))
    assert html.count("<tr>") == 18  # header, 16 voivodeships, total
    assert '<a href="/wojewodztwa/22/">pomorskie</a></th><td class="kis-num">4</td>' in html
    assert '<th scope="row">Razem</th><td class="kis-num">7</td>' in html


def test_maps_load_nothing_from_other_hosts(boundaries: geo.Boundaries) -> None:
    pairs = synthetic_dots(boundaries, 10)
    svg = rm.national_map(boundaries, regions_for(boundaries, {}), [d for _, d in pairs])
    assert re.findall(r"https?://[^\"' ]+", svg) == ["http://www.w3.org/2000/svg"]
    assert "<image" not in svg and "<script" not in svg and "<style" not in svg


def test_stylesheet_has_focus_and_print_styles() -> None:
    css = MAP_CSS.read_text(encoding="utf-8")
    for needle in (":focus-visible", "@media print", ".kis-map-region", ".kis-map-dot"):
        assert needle in css
    assert "http" not in css and "@import" not in css
