"""SVG maps drawn at build time from the voivodeship boundaries (inline SVG, no scripts, no tiles).

The geometry comes from :mod:`generator.geo` (projection, simplified rings, label points); this
module works out what each map shows (classes, dots, labels, their places) and the templates
under ``site_templates/pages/maps/`` lay it out, every number formatted here.

- :func:`national_map` — voivodeships shaded by the number of certified clubs, the count printed in
  each, a small unlinked mark per club; every voivodeship is a link with a Polish accessible name.
- :func:`voivodeship_map` — one voivodeship large, neighbours faint, a linked dot per club.
- :func:`locator` + :func:`locator_svg` — a small map of Poland with one voivodeship and
  (optionally) a point marked.
- :func:`legend`, :func:`attribution`, :func:`regions_table`, :func:`unplaced` — HTML snippets to
  place next to / under the maps. Styles (focus, hover, print): ``site_templates/assets/map.css``.

The SVG root is ``role="group"`` named by its ``<title>`` and described by its ``<desc>``, so the
links inside stay reachable (``role="img"`` would hide them); the locator map has no links and is
``role="img"``. Output is deterministic; all text is HTML-escaped here (:func:`_e`, as
:func:`html.escape` does it) and passed to the templates as markup.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from html import escape
from typing import NamedTuple

from markupsafe import Markup

from generator.geo import projection as mg
from generator.geo.boundaries import (
    NATIONAL_VIEW,
    Boundaries,
    View,
    fit_view,
    km_bbox,
)
from generator.polish import certified_clubs, plural
from generator.site.templating import environment, render_template

# Sequential palette, lightest first. Index 0 (no clubs) is also hatched. Every fill keeps ≥3:1
# against the boundary and dot colours and ≥4.5:1 against the label text (tests check this).
ZERO_FILL = "#f7f7f7"
CLASS_FILLS = ("#deebf7", "#9ecae1", "#6baed6", "#4292c6")
BOUNDARY = "#222222"
DOT = "#7a0020"
# A club without a valid certificate: a hollow, lighter ring drawn below the certified dots.
OTHER_DOT_FILL = "#ffffff"
OTHER_DOT_STROKE = "#333333"
# Every dot is a link with an invisible hit circle of this radius (viewBox units). The national
# map is drawn about one unit per CSS pixel on a wide screen; a voivodeship map, which has few
# dots, keeps a target of 24 × 24 px down to a 390 px wide phone.
HIT_RADIUS = 13
VOIVODESHIP_HIT_RADIUS = 21
VOIVODESHIP_DOT_RADIUS = 7
DOT_LABEL_FONT_SIZE = 18
HALO = "#ffffff"
TEXT = "#111111"
HATCH = "#767676"
CONTEXT_FILL = "#f2f2f2"
CONTEXT_STROKE = "#767676"
HIGHLIGHT_FILL = "#6baed6"
VOIVODESHIP_FILL = "#c6dbef"

FONT = "system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"

NATIONAL_TOLERANCE = 0.5  # viewBox units (1 unit ≈ 1.2 km)
NATIONAL_DOT_RADIUS = 3.2
LABEL_FONT_SIZE = 15
DETAIL_TOLERANCE = 0.5
LOCATOR_WIDTH = 200
LOCATOR_TOLERANCE = 0.6
VOIVODESHIP_WIDTH = 600

ATTRIBUTION_SOURCE = "https://github.com/waszkiewiczja/GeoJSON-Polska-Wojewodztwa-Powiaty-Gminy"


@dataclass(frozen=True)
class RegionInfo:
    """A voivodeship on the national map: its register page and number of certified clubs."""

    teryt: str
    name: str
    href: str
    count: int


@dataclass(frozen=True)
class DotInfo:
    """A certified club; clubs with ``lat``/``lon`` = None are not drawn (see :func:`unplaced`)."""

    club_id: str
    name: str
    town: str
    lat: float | None
    lon: float | None
    href: str
    certified: bool = True  # False: drawn as a lighter ring, below the certified dots

    @property
    def placed(self) -> bool:
        return self.lat is not None and self.lon is not None


# --- Text --------------------------------------------------------------------------------


def _dots(n: int) -> str:
    """„1 kropkę”, „3 kropki”, „12 kropek” (accusative: „zaznaczono …”)."""
    return f"{n} {plural(n, 'kropkę', 'kropki', 'kropek')}"


def _rings(n: int) -> str:
    """„1 kółko”, „3 kółka”, „12 kółek” (accusative)."""
    return f"{n} {plural(n, 'kółko', 'kółka', 'kółek')}"


def clubs_phrase(n: int) -> str:
    """ "1 certyfikowany klub", "4 certyfikowane kluby", "12 certyfikowanych klubów"."""
    return certified_clubs(n)


def region_label(name: str, count: int) -> str:
    """Accessible name of a voivodeship link: "pomorskie: 4 certyfikowane kluby"."""
    return f"{name}: {clubs_phrase(count)}"


def dot_label(dot: DotInfo) -> str:
    """Accessible name of a club dot: "<club name>, <town>"."""
    return f"{dot.name}, {dot.town}" if dot.town else dot.name


def _e(text: str) -> Markup:
    """``text`` escaped for HTML and SVG (quotes too), to be written as it is."""
    return Markup(escape(text, quote=True))


# --- Classes -----------------------------------------------------------------------------

_NICE_STEPS = (1, 2, 3, 4, 5, 10, 15, 20, 25, 50, 100, 250, 500, 1000)


def count_classes(counts: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """Up to four equal-width ranges (lo, hi) covering 1..max(counts), with a "nice" width.

    Zero is a class of its own and is not listed. ``(1, 10), (11, 20), (21, 30)`` for max 26.
    """
    top = max(counts, default=0)
    if top <= 0:
        return ()
    step = next((s for s in _NICE_STEPS if 4 * s >= top), math.ceil(top / 4))
    n = math.ceil(top / step)
    return tuple((i * step + 1, (i + 1) * step) for i in range(n))


def _class_fills(n: int) -> tuple[int, ...]:
    """Palette positions (1–4 in :data:`CLASS_FILLS`, 1-based) for ``n`` ≤ 4 classes.

    Spread over the palette; the darkest is always used for the top class. The position also
    names the CSS class ``kis-map-c<position>`` (``kis-map-c0`` = no clubs) for print styles.
    """
    if n <= 1:
        return (len(CLASS_FILLS),) if n else ()
    return tuple(1 + int(i * 3 / (n - 1) + 0.5) for i in range(n))


def _class_of(count: int, classes: Sequence[tuple[int, int]]) -> int:
    """0 for no clubs, else 1 + index of the range holding ``count``."""
    if count <= 0:
        return 0
    return next((i + 1 for i, (lo, hi) in enumerate(classes) if lo <= count <= hi), len(classes))


def _range_text(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}–{hi}"


# --- Drawing -----------------------------------------------------------------------------

FONT_ATTRIBUTE = Markup(FONT)  # written as it is: its quotes stay quotes


@dataclass(frozen=True)
class Style:
    """The colours, sizes and font the map templates draw with (``style`` in each)."""

    zero_fill: str = ZERO_FILL
    boundary: str = BOUNDARY
    dot: str = DOT
    other_fill: str = OTHER_DOT_FILL
    other_stroke: str = OTHER_DOT_STROKE
    halo: str = HALO
    text: str = TEXT
    hatch: str = HATCH
    context_fill: str = CONTEXT_FILL
    context_stroke: str = CONTEXT_STROKE
    highlight_fill: str = HIGHLIGHT_FILL
    voivodeship_fill: str = VOIVODESHIP_FILL
    label_size: int = LABEL_FONT_SIZE
    dot_label_size: int = DOT_LABEL_FONT_SIZE
    font: Markup = FONT_ATTRIBUTE
    svg_ns: str = SVG_NS


STYLE = Style()


MACROS = "maps/_svg.svg.j2"  # the pieces the map templates share, and the locator map


def _draw(template: str, **values: object) -> str:
    return render_template(f"maps/{template}", style=STYLE, **values)


@dataclass(frozen=True)
class Frame:
    """The root of a map's SVG: its viewBox, classes, id prefix and role."""

    width: str
    height: str
    classes: str
    prefix: str
    role: str
    described: bool


def _frame(view: View, classes: str, prefix: str, role: str, described: bool) -> Frame:
    return Frame(mg.fmt(view.width), mg.fmt(view.height), classes, prefix, role, described)


def _rings_bbox(rings: Iterable[tuple[mg.Tenths, ...]]) -> tuple[int, int, int, int]:
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _placed(dots: Iterable[DotInfo], view: View) -> list[tuple[float, float, str, DotInfo]]:
    """(y, x, id, dot) of the dots with coordinates, north to south: drawing and tab order."""
    placed = []
    for dot in dots:
        if not dot.placed:
            continue
        x, y = view.project(dot.lon, dot.lat)  # type: ignore[arg-type]
        placed.append((round(y, 1), round(x, 1), dot.club_id, dot))
    return sorted(placed, key=lambda item: item[:3])


@dataclass(frozen=True)
class DotGroup:
    """Linked dots of one kind: the group's paint, the hit and dot radii, each dot's link,
    accessible name and centre."""

    cls: str
    fill: str
    stroke: str
    width: str
    hit: str
    radius: str
    dots: tuple[tuple[Markup, Markup, str, str], ...]  # href, label, cx, cy


def _dot_groups(
    dots: Iterable[DotInfo], view: View, radius: float, hit_radius: float = HIT_RADIUS
) -> list[DotGroup]:
    """Certified clubs as filled dots over the other clubs' lighter rings; each a link whose
    first circle, invisible (opacity 0 still takes the pointer), is a :data:`HIT_RADIUS` target."""
    placed = _placed(dots, view)
    groups = (
        ("kis-map-dots kis-map-dots--other", OTHER_DOT_FILL, OTHER_DOT_STROKE, radius / 2.5, 1.0,
         False),
        ("kis-map-dots", DOT, HALO, radius / 3, 1.0, True),
    )  # fmt: skip
    hit = mg.fmt(hit_radius)
    found = []
    for cls, fill, stroke, width, scale, certified in groups:
        mine = [item for item in placed if item[3].certified is certified]
        if not mine:
            continue
        drawn = []
        for y, x, _, dot in mine:
            name = dot_label(dot) if certified else f"{dot_label(dot)} (klub bez certyfikatu)"
            drawn.append((_e(dot.href), _e(name), mg.fmt(x), mg.fmt(y)))
        found.append(DotGroup(cls, fill, stroke, mg.fmt(width), hit, mg.fmt(radius * scale),
                              tuple(drawn)))
    return found


@dataclass(frozen=True)
class Marks:
    """Unlinked marks of one kind: one path of zero-length segments, drawn by each stroke."""

    cls: str
    ident: str
    d: str
    strokes: tuple[tuple[int, str, str], ...]  # (number, colour, width)


def _marks(dots: Iterable[DotInfo], view: View, radius: float, prefix: str) -> list[Marks]:
    """The clubs of the national map as small unlinked marks (the voivodeships link to their
    maps, where every club is a link): a page of 5,000 clubs stays light.

    Each kind is one path of zero-length segments with round caps, drawn twice through
    ``<use>``: wide in one colour, narrower in another on top. Certified clubs: a dark dot with a
    white halo, above the other clubs' small hollow rings (white inside a dark edge)."""
    placed = _placed(dots, view)
    kinds = (
        ("o", False, "kis-map-marks kis-map-marks--other", radius * 0.8,
         ((OTHER_DOT_STROKE, 2 * radius * 0.8), (OTHER_DOT_FILL, 2 * radius * 0.8 - 2.4))),
        ("c", True, "kis-map-marks", radius,
         ((HALO, 2 * radius + 2 * radius / 3), (DOT, 2 * radius))),
    )  # fmt: skip
    found = []
    for key, certified, cls, _, strokes in kinds:
        mine = [item for item in placed if item[3].certified is certified]
        if not mine:
            continue
        d = "".join(f"M{mg.fmt(round(x))} {mg.fmt(round(y))}h0" for y, x, _, _ in mine)
        found.append(Marks(cls, f"{prefix}-{key}", d, tuple(
            (n, colour, mg.fmt(round(width, 2))) for n, (colour, width) in enumerate(strokes))))
    return found


def _dot_labels(
    dots: Iterable[DotInfo], view: View, radius: float
) -> list[tuple[str, str, str, Markup]]:
    """Town names beside the dots of a voivodeship map, one per town, never overlapping:
    (x, y, anchor, town) of each."""
    taken: list[tuple[float, float, float, float]] = []
    seen: set[str] = set()
    labels = []
    points = [(x, y) for y, x, _, _ in _placed(dots, view)]
    for y, x, _, dot in _placed(dots, view):
        if not dot.town or dot.town in seen:
            continue
        width = 0.58 * DOT_LABEL_FONT_SIZE * len(dot.town)
        height = DOT_LABEL_FONT_SIZE
        for anchor, left in (("start", x + radius + 3), ("end", x - radius - 3 - width)):
            box = (left, y - height / 2, left + width, y + height / 2)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= view.width and box[3] <= view.height
            clear = not any(_overlaps_f(box, other) for other in taken) and not any(
                box[0] - 1 <= px <= box[2] + 1 and box[1] - 1 <= py <= box[3] + 1
                for px, py in points
                if (px, py) != (x, y)
            )
            if inside and clear:
                taken.append(box)
                seen.add(dot.town)
                tx = box[0] if anchor == "start" else box[2]
                labels.append((mg.fmt(round(tx, 1)), mg.fmt(round(y + height * 0.35, 1)), anchor,
                               _e(dot.town)))
                break
    return labels


def _overlaps_f(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- National map ------------------------------------------------------------------------


def national_map(
    boundaries: Boundaries,
    regions: Sequence[RegionInfo],
    dots: Sequence[DotInfo],
    *,
    id_prefix: str = "kis-mapa-pl",
) -> str:
    """Inline SVG of Poland: voivodeships shaded and labelled by count, linked; a mark per club.

    Dots without coordinates are skipped (list them with :func:`unplaced`). A voivodeship missing
    from ``regions`` is drawn without a link; an unknown TERYT raises ``ValueError``.
    """
    info = {r.teryt: r for r in regions}
    unknown = sorted(set(info) - set(boundaries.by_teryt))
    if unknown:
        raise ValueError(f"unknown voivodeship codes: {', '.join(unknown)}")
    classes = count_classes(r.count for r in regions)
    fills = _class_fills(len(classes))
    view = NATIONAL_VIEW
    rings = mg.region_rings(boundaries, view, NATIONAL_TOLERANCE)
    placed = sum(1 for d in dots if d.placed and d.certified)
    others = sum(1 for d in dots if d.placed and not d.certified)
    total = sum(r.count for r in regions)
    desc = (
        "Mapa Polski z podziałem na 16 województw. Kolor i liczba w każdym województwie oznaczają "
        "liczbę certyfikowanych klubów; pełne kropki pokazują położenie certyfikowanych klubów"
        + (", jasne kółka – klubów bez certyfikatu" if others else "")
        + ". Każde województwo prowadzi do jego rejestru z mapą, na której każdy klub prowadzi "
        "do swojej strony. "
        f"Razem: {clubs_phrase(total)}, na mapie zaznaczono {_dots(placed)}"
        + (f" i {_rings(others)} klubów bez certyfikatu" if others else "")
        + ". Te same dane zawiera tabela przy mapie."
    )
    areas = []  # (href or None, palette position, accessible name, fill, path data)
    for region in boundaries.regions:
        d = mg.path_data(rings[region.teryt])
        item = info.get(region.teryt)
        if item is None:
            areas.append((None, 0, "", ZERO_FILL, d))
            continue
        k = _class_of(item.count, classes)
        cls = fills[k - 1] if k else 0
        fill = CLASS_FILLS[cls - 1] if cls else f"url(#{id_prefix}-h)"
        areas.append((_e(item.href), cls, _e(region_label(item.name, item.count)), fill, d))
    dot_points = [view.project(d.lon, d.lat) for d in dots if d.placed]  # type: ignore[arg-type]
    return _draw(
        "national.svg.j2", frame=_frame(view, "kis-map-national", id_prefix, "group", True),
        desc=_e(desc), areas=areas, marks=_marks(dots, view, NATIONAL_DOT_RADIUS, id_prefix),
        labels=_count_labels(boundaries, view, info, dot_points),
    )  # fmt: skip


_LABEL_RADII_KM = (10, 20, 30, 40, 50)
_LABEL_DIRECTIONS = 12


def _count_labels(
    boundaries: Boundaries,
    view: View,
    info: dict[str, RegionInfo],
    dot_points: Sequence[tuple[float, float]],
) -> list[tuple[str, str, str]]:
    """The count printed in each voivodeship (decorative: the links carry it), avoiding dots:
    (x, baseline, count) of each."""
    labels = []
    for teryt in sorted(info):
        text = str(info[teryt].count)
        x, y = _label_position(boundaries, teryt, view, len(text), dot_points)
        baseline = y + LABEL_FONT_SIZE * 0.35
        labels.append((mg.fmt(x), mg.fmt(baseline), text))
    return labels


def _label_position(
    boundaries: Boundaries,
    teryt: str,
    view: View,
    digits: int,
    dot_points: Sequence[tuple[float, float]],
) -> tuple[float, float]:
    """Centre of a count label: the voivodeship's pole of inaccessibility, or the nearest point
    around it (well inside the voivodeship) whose label box covers no dot, or fewest dots."""
    pole_x, pole_y = mg.label_points_km(boundaries)[teryt]
    rings = mg.coarse_rings_km(boundaries)[teryt]
    half_w = 0.3 * LABEL_FONT_SIZE * digits + 2 + NATIONAL_DOT_RADIUS
    half_h = 0.5 * LABEL_FONT_SIZE + NATIONAL_DOT_RADIUS
    candidates = [(pole_x, pole_y)] + [
        (
            pole_x + r * math.cos(2 * math.pi * k / _LABEL_DIRECTIONS),
            pole_y + r * math.sin(2 * math.pi * k / _LABEL_DIRECTIONS),
        )
        for r in _LABEL_RADII_KM
        for k in range(_LABEL_DIRECTIONS)
    ]
    best: tuple[int, tuple[float, float]] | None = None
    for i, (x_km, y_km) in enumerate(candidates):
        if i and mg.signed_distance(x_km, y_km, rings) * view.units_per_km < half_w + 4:
            continue
        x, y = view.to_svg(x_km, y_km)
        covered = sum(1 for dx, dy in dot_points if abs(dx - x) < half_w and abs(dy - y) < half_h)
        if covered == 0:
            return x, y
        if best is None or covered < best[0]:
            best = (covered, (x, y))
    assert best is not None
    return best[1]


# --- Voivodeship map ---------------------------------------------------------------------


@lru_cache(maxsize=64)
def _voivodeship_view(boundaries: Boundaries, teryt: str) -> View:
    region = boundaries.by_teryt[teryt]
    return fit_view(km_bbox(region.rings), VOIVODESHIP_WIDTH, 14, min_aspect=0.6, max_aspect=1.3)


def voivodeship_map(
    boundaries: Boundaries,
    teryt: str,
    dots: Sequence[DotInfo],
    *,
    id_prefix: str | None = None,
) -> str:
    """Inline SVG of one voivodeship (neighbours faint) with a linked dot per certified club."""
    region = boundaries.by_teryt[teryt]
    prefix = id_prefix or f"kis-mapa-{teryt}"
    view = _voivodeship_view(boundaries, teryt)
    rings = mg.region_rings(boundaries, view, DETAIL_TOLERANCE)
    limit = (0, 0, round(view.width * 10), round(view.height * 10))
    placed = sum(1 for d in dots if d.placed)
    desc = (
        f"Województwo {region.name} na tle sąsiednich województw (szare). "
        "Pełne kropki to certyfikowane kluby, jasne kółka – kluby bez ważnego certyfikatu; każda "
        f"prowadzi do strony klubu, obok stoi nazwa miejscowości. Zaznaczono {_dots(placed)}."
    )
    neighbours = [
        mg.path_data(rings[other.teryt]) for other in boundaries.regions
        if other.teryt != teryt and _overlaps(_rings_bbox(rings[other.teryt]), limit)
    ]  # fmt: skip
    radius = VOIVODESHIP_DOT_RADIUS
    return _draw(
        "voivodeship.svg.j2", frame=_frame(view, "kis-map-voivodeship", prefix, "group", True),
        name=_e(region.name), desc=_e(desc), neighbours=neighbours,
        region=mg.path_data(rings[teryt]),
        groups=_dot_groups(dots, view, radius, VOIVODESHIP_HIT_RADIUS),
        labels=_dot_labels(dots, view, radius),
    )  # fmt: skip


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


# --- Locator map -------------------------------------------------------------------------


@cache
def _locator_view() -> View:
    scale = LOCATOR_WIDTH / NATIONAL_VIEW.width
    return View(
        NATIONAL_VIEW.x0_km,
        NATIONAL_VIEW.y0_km,
        NATIONAL_VIEW.units_per_km * scale,
        LOCATOR_WIDTH,
        round(NATIONAL_VIEW.height * scale),
    )


@lru_cache(maxsize=4)
def _locator_paths(boundaries: Boundaries) -> dict[str, str]:
    rings = mg.region_rings(boundaries, _locator_view(), LOCATOR_TOLERANCE)
    return {teryt: mg.path_data(r) for teryt, r in rings.items()}


@dataclass(frozen=True)
class LocatorRegions:
    """Poland's voivodeships for a locator map: the others' paths and the highlighted one's."""

    others: tuple[str, ...]
    highlighted: str


def _locator_regions(boundaries: Boundaries, teryt: str) -> LocatorRegions:
    """Poland's voivodeships, ``teryt`` highlighted: the locator map without its marker."""
    paths = _locator_paths(boundaries)
    others = tuple(paths[r.teryt] for r in boundaries.regions if r.teryt != teryt)
    return LocatorRegions(others, paths[teryt])


def locator_base(boundaries: Boundaries, teryt: str) -> str:
    """The locator map of voivodeship ``teryt`` without a marker, as a file of its own.

    Every club page of the voivodeship shows this one picture under its own marker
    (``locator(..., base_href=...)``): ~10 KB once instead of on each club page (#19).
    """
    view = _locator_view()
    return _draw("locator-base.svg.j2", width=mg.fmt(view.width), height=mg.fmt(view.height),
                 regions=_locator_regions(boundaries, teryt)) + "\n"


class Locator(NamedTuple):
    """What a locator map shows (:func:`locator_svg` lays it out, unpacking it at once): its size
    and id prefix, its name, the voivodeships (drawn, or the address of their shared picture),
    the marker's centre if any, and the style it needs."""

    width: str
    height: str
    prefix: str
    title: Markup
    regions: LocatorRegions | None
    base_href: Markup | None
    marker: tuple[str, str] | None  # (cx, cy)
    svg_ns: str = SVG_NS
    font: Markup = FONT_ATTRIBUTE
    dot: str = DOT
    halo: str = HALO
    style: Style = STYLE


def locator(
    boundaries: Boundaries,
    teryt: str,
    lat: float | None,
    lon: float | None,
    label: str,
    *,
    id_prefix: str | None = None,
    base_href: str | None = None,
) -> Locator:
    """A small image of Poland with voivodeship ``teryt`` highlighted and (lat, lon) marked, as
    values that :func:`locator_svg` lays out.

    ``label`` names the place (e.g. the club's name and town). Without coordinates only the
    voivodeship is highlighted and the name says so. With ``base_href`` (the address of
    :func:`locator_base`'s file for ``teryt``) the voivodeships are that picture, not inline.
    """
    region = boundaries.by_teryt[teryt]
    prefix = id_prefix or f"kis-lokalizator-{teryt}"
    view = _locator_view()
    has_point = lat is not None and lon is not None
    if has_point:
        title = f"Położenie na mapie Polski: {label}, województwo {region.name}"
    else:
        title = f"Województwo {region.name} na mapie Polski ({label}: brak współrzędnych)"
    marker = None
    if has_point:
        x, y = view.project(lon, lat)  # type: ignore[arg-type]
        marker = (mg.fmt(x), mg.fmt(y))
    return Locator(
        mg.fmt(view.width),
        mg.fmt(view.height),
        prefix,
        _e(title),
        _locator_regions(boundaries, teryt) if base_href is None else None,
        None if base_href is None else _e(base_href),
        marker,
    )


def locator_svg(values: Locator) -> Markup:
    """A locator map laid out by the ``locator`` macro of ``maps/_svg.svg.j2``, called from here:
    every club page has one, and a macro call costs less than a template importing it."""
    return Markup(environment().get_template(MACROS).module.locator(values))  # type: ignore[attr-defined]


# --- HTML snippets -----------------------------------------------------------------------


def legend(
    regions: Sequence[RegionInfo], *, id_prefix: str = "kis-legenda", with_others: bool = False
) -> str:
    """HTML legend of the national map: the count classes (same as the map's) and the dot."""
    classes = count_classes(r.count for r in regions)
    fills = _class_fills(len(classes))
    items = [(0, f"url(#{id_prefix}-h)", "0")]  # (palette position, fill, counts)
    items += [(cls, CLASS_FILLS[cls - 1], _range_text(lo, hi))
              for (lo, hi), cls in zip(classes, fills, strict=True)]
    return _draw("legend.html.j2", prefix=id_prefix, items=items, with_others=with_others)


def attribution() -> str:
    """The boundary data credit to show under every map."""
    return _draw("attribution.html.j2", source=ATTRIBUTION_SOURCE)


def regions_table(regions: Sequence[RegionInfo], *, caption: str | None = None) -> str:
    """HTML table saying in text what the national map shows: clubs per voivodeship."""
    return _draw(
        "regions-table.html.j2",
        rows=[(_e(r.href), _e(r.name), r.count) for r in sorted(regions, key=lambda r: r.teryt)],
        total=sum(r.count for r in regions),
        caption=_e(caption or "Certyfikowane kluby w województwach"),
    )  # fmt: skip


def unplaced(dots: Sequence[DotInfo]) -> str:
    """HTML list of the clubs a map could not show because they have no coordinates ("" if none)."""
    missing = sorted(
        (d for d in dots if not d.placed and d.certified), key=lambda d: (d.name, d.club_id)
    )
    if not missing:
        return ""
    return _draw("unplaced.html.j2",
                 clubs=[(_e(d.href), _e(d.name), _e(d.town)) for d in missing])
