"""Maps on the site's pages: the glue between :mod:`generator.parts.map_svg` and the page views.

Links inside the maps are relative to the page the map is drawn on (``here``). Without a
boundaries file in the register the maps are left out (the pages say so in text anyway).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup

from generator import polish
from generator.geo import boundaries as geo
from generator.geo import projection
from generator.parts import map_svg as render_map
from generator.parts.views import ClubView, SiteData, club_url, voivodeship_url
from generator.register.model import Voivodeship
from generator.site import templating
from generator.site.cache_files import Memo
from generator.site.formats import relative_url
from generator.site.templating import TEMPLATES

BOUNDARIES = Path("granice") / "wojewodztwa.geojson"
UNCERTIFIED_ON_MAP = "bez_certyfikatu"  # the status shown on the maps besides the certified
MAPS_FOLDER = "maps"  # inside the build cache
MAPS_MAX_AGE_DAYS = 60
MAPS_MAX_BYTES = 64 * 1024 * 1024  # each register edit draws new maps: they are bounded too


@dataclass(frozen=True)
class MapBlock:
    """A map with the text that goes with it (all escaped HTML)."""

    svg: Markup
    legend: Markup
    table: Markup
    unplaced: Markup
    attribution: Markup


@cache
def _load(path: Path, mtime_ns: int) -> geo.Boundaries:
    del mtime_ns  # part of the cache key only: a changed file is read again
    return geo.load_boundaries(path)


def boundaries(register_root: Path) -> geo.Boundaries | None:
    path = register_root / BOUNDARIES
    return _load(path, path.stat().st_mtime_ns) if path.is_file() else None


# What the maps are drawn with besides their data: an edit to one of these draws them again
# (every generator module the drawing imports: tests/test_build_memos.py checks the list).
MAP_CODE = (Path(render_map.__file__), Path(projection.__file__), Path(geo.__file__),
            Path(polish.__file__), Path(templating.__file__), Path(__file__),
            *sorted((TEMPLATES / "pages" / "maps").glob("*.j2")))


class MapMemo:
    """Maps drawn once: their SVG and text kept in the build cache (``cache_dir``; None: kept
    nowhere) under the hash of what they are drawn from: the boundaries file, the drawing code
    and the map's own data (its recipe). :meth:`evict` never removes this build's maps."""

    def __init__(self, register_root: Path, cache_dir: Path | None) -> None:
        path = register_root / BOUNDARIES
        digest = hashlib.sha256(path.read_bytes() if path.is_file() else b"")
        for code in MAP_CODE:
            digest.update(b"\0" + code.read_bytes())
        self.digest = digest.hexdigest()
        kept = cache_dir is not None and cache_dir.is_dir()  # a cache folder is not made here
        self.texts: Memo[str] = Memo(cache_dir / MAPS_FOLDER if kept else None, ".json")

    def get(self, recipe: object, draw: Callable[[], dict[str, str]]) -> dict[str, str]:
        key = hashlib.sha256(f"{self.digest}\n{recipe!r}".encode()).hexdigest()
        return json.loads(self.texts.get(key, lambda: json.dumps(draw(), ensure_ascii=False)))

    def evict(self, now: float | None = None) -> list[Path]:
        """Remove maps no build drew for :data:`MAPS_MAX_AGE_DAYS`, then the least recently
        used while they hold more than :data:`MAPS_MAX_BYTES`; returns what went."""
        return self.texts.evict(MAPS_MAX_AGE_DAYS, MAPS_MAX_BYTES, now=now)


def _block(memo: MapMemo | None, recipe: object, draw: Callable[[], MapBlock]) -> MapBlock:
    def texts() -> dict[str, str]:
        return {name: str(value) for name, value in asdict(draw()).items()}

    made = memo.get(recipe, texts) if memo is not None else texts()
    return MapBlock(**{name: Markup(value) for name, value in made.items()})


def _dots(views: list[ClubView], here: str) -> list[render_map.DotInfo]:
    return [
        render_map.DotInfo(
            c.club.id,
            c.club.name,
            c.club.town,
            c.club.lat,
            c.club.lon,
            relative_url(here, club_url(c.club.id)),
            c.certified,
        )
        for c in views
    ]


def _map_views(data: SiteData, teryt: str | None = None) -> list[ClubView]:
    """The clubs a map shows: clubs never certified (drawn first, lighter), then certified ones.

    Clubs in procedure, refused, expired, withdrawn or struck off are not on the maps."""
    never = [
        c for c in data.with_status(UNCERTIFIED_ON_MAP)
        if teryt is None or c.club.voivodeship == teryt
    ]
    return never + data.certified(teryt)


def national(bounds: geo.Boundaries | None, data: SiteData, here: str,
             memo: MapMemo | None = None) -> MapBlock | None:
    if bounds is None:
        return None
    regions = [
        render_map.RegionInfo(
            w.teryt,
            w.name,
            relative_url(here, voivodeship_url(w.slug)),
            len(data.certified(w.teryt)),
        )
        for w in data.register.voivodeships
    ]
    dots = _dots(_map_views(data), here)
    prefix = "kis-mapa-pl" if not here else f"kis-mapa-pl-{here.strip('/').replace('/', '-')}"

    def draw() -> MapBlock:
        return MapBlock(
            svg=Markup(render_map.national_map(bounds, regions, dots, id_prefix=prefix)),
            legend=Markup(
                render_map.legend(regions, with_others=any(not d.certified for d in dots))
            ),
            table=Markup(render_map.regions_table(regions)),
            unplaced=Markup(render_map.unplaced(dots)),
            attribution=Markup(render_map.attribution()),
        )

    return _block(memo, ("national", regions, dots, prefix), draw)


def voivodeship(
    bounds: geo.Boundaries | None, data: SiteData, w: Voivodeship, here: str,
    memo: MapMemo | None = None,
) -> MapBlock | None:
    if bounds is None:
        return None
    dots = _dots(_map_views(data, w.teryt), here)

    def draw() -> MapBlock:
        return MapBlock(
            svg=Markup(render_map.voivodeship_map(bounds, w.teryt, dots)),
            legend=Markup(""),
            table=Markup(""),
            unplaced=Markup(render_map.unplaced(dots)),
            attribution=Markup(render_map.attribution()),
        )

    return _block(memo, ("voivodeship", w.teryt, dots), draw)


def locator_url(teryt: str) -> str:
    """The address of voivodeship ``teryt``'s locator picture (:func:`locator_files`)."""
    return f"assets/mapy/lokalizator-{teryt}.svg"


def locator_files(bounds: geo.Boundaries | None, memo: MapMemo | None = None) -> dict[str, str]:
    """One locator picture per voivodeship, shared by its club pages (none without boundaries)."""
    if bounds is None:
        return {}

    def draw() -> dict[str, str]:
        return {locator_url(r.teryt): render_map.locator_base(bounds, r.teryt)
                for r in bounds.regions}

    return draw() if memo is None else memo.get(("locators",), draw)


def locator(bounds: geo.Boundaries | None, view: ClubView) -> Markup | None:
    """A club's locator map: its marker over the voivodeship's shared picture."""
    if bounds is None:
        return None
    c = view.club
    here = club_url(c.id)
    return render_map.locator_svg(
        render_map.locator(bounds, c.voivodeship, c.lat, c.lon, f"{c.name}, {c.town}",
                           base_href=relative_url(here, locator_url(c.voivodeship)))
    )
