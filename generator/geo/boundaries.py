"""Voivodeship boundaries: loading, point-in-voivodeship lookup and the map projection.

Stable API (used by the validator and the map renderer):

- :func:`load_boundaries` ``(path) -> Boundaries`` — read the GeoJSON once; the result is
  immutable, hashable by identity and safe to share (cache it, e.g. with ``functools.cache``).
- :func:`voivodeship_at` ``(boundaries, lat, lon) -> str | None`` — TERYT code of the
  voivodeship containing the point, ``None`` outside Poland (or for non-finite input).
- :func:`contains` ``(boundaries, teryt, lat, lon, tolerance_km=0.0) -> bool`` — whether the
  point lies in that voivodeship, or within ``tolerance_km`` of its boundary. Unknown TERYT → False.
- :func:`distance_km` ``(boundaries, teryt, lat, lon) -> float`` — 0 inside, else the distance
  to the voivodeship's boundary (local flat-earth approximation, good to ~0.5 % near Poland).
- :func:`project` ``(lon, lat) -> (x, y)`` — Lambert conformal conic fitted to Poland, scaled into
  the national map's viewBox ``0 0 NATIONAL_WIDTH NATIONAL_HEIGHT`` (y grows downwards).

The boundaries are simplified (up to ~400 m from the official line, see
``register/granice/SOURCE.md``), so a rule "coordinates inside the club's voivodeship" should
allow a small tolerance (:data:`BOUNDARY_TOLERANCE_KM`) for clubs right at a border.

Point lookup is ray casting with a bounding-box prefilter and, per voivodeship, edges bucketed
into latitude bands, so a lookup tests only a handful of edges.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

LonLat = tuple[float, float]
Ring = tuple[LonLat, ...]
# A non-horizontal edge prepared for ray casting: (lat_min, lat_max, lon_a, lat_a, dlon_per_dlat).
_Edge = tuple[float, float, float, float, float]

BOUNDARY_TOLERANCE_KM = 0.5
"""Suggested tolerance for "inside the voivodeship" checks (the boundaries are simplified)."""

_BAND_DEG = 0.02  # latitude band height of the edge index (~2.2 km)
_KM_PER_DEG_LAT = 111.2


@dataclass(frozen=True, eq=False)
class Region:
    """One voivodeship: its rings (first ring of each polygon is its exterior) and lookup index."""

    teryt: str
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # open rings (last point != first), lon/lat
    bbox: tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat
    _band_lat0: float
    _bands: tuple[tuple[_Edge, ...], ...]

    @property
    def rings(self) -> tuple[Ring, ...]:
        """All rings of all polygons (exteriors and holes)."""
        return tuple(ring for polygon in self.polygons for ring in polygon)


@dataclass(frozen=True, eq=False)
class Boundaries:
    """All voivodeships, sorted by TERYT code. Immutable; compare and hash by identity."""

    regions: tuple[Region, ...]
    by_teryt: Mapping[str, Region]
    bbox: tuple[float, float, float, float]

    def name(self, teryt: str) -> str:
        return self.by_teryt[teryt].name


# Boundaries made in this process, by the digest of their GeoJSON: a file read again unchanged
# (each validation, each build) is not parsed again. Boundaries are immutable: safe to share.
_MADE: OrderedDict[bytes, Boundaries] = OrderedDict()
_MADE_KEPT = 4


def load_boundaries(path: Path | str) -> Boundaries:
    """Read a GeoJSON FeatureCollection of Polygon/MultiPolygon features (``teryt``, ``name``).

    The same bytes give the same :class:`Boundaries` object (made once per process)."""
    text = Path(path).read_bytes()
    key = hashlib.blake2b(text, digest_size=24).digest()
    made = _MADE.get(key)
    if made is None:
        made = boundaries_from_geojson(json.loads(text.decode("utf-8")))
        _MADE[key] = made
        while len(_MADE) > _MADE_KEPT:
            _MADE.popitem(last=False)
    return made


def boundaries_from_geojson(data: Mapping) -> Boundaries:
    """Build :class:`Boundaries` from parsed GeoJSON (see :func:`load_boundaries`)."""
    regions = []
    for feature in data["features"]:
        props = feature["properties"]
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            raw_polygons = [geometry["coordinates"]]
        elif geometry["type"] == "MultiPolygon":
            raw_polygons = geometry["coordinates"]
        else:
            raise ValueError(f"{props.get('teryt')}: unsupported geometry {geometry['type']}")
        polygons = tuple(
            tuple(r for r in (_open_ring(raw) for raw in raw_polygon) if len(r) >= 3)
            for raw_polygon in raw_polygons
        )
        regions.append(_make_region(str(props["teryt"]), str(props["name"]), polygons))
    regions.sort(key=lambda r: r.teryt)
    if not regions:
        raise ValueError("no voivodeship features")
    bbox = (
        min(r.bbox[0] for r in regions),
        min(r.bbox[1] for r in regions),
        max(r.bbox[2] for r in regions),
        max(r.bbox[3] for r in regions),
    )
    return Boundaries(tuple(regions), {r.teryt: r for r in regions}, bbox)


def _open_ring(raw: Iterable[Iterable[float]]) -> Ring:
    """Lon/lat tuples without consecutive duplicates and without the closing point."""
    ring: list[LonLat] = []
    for coords in raw:
        point = (float(coords[0]), float(coords[1]))
        if not ring or ring[-1] != point:
            ring.append(point)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    return tuple(ring)


def _make_region(teryt: str, name: str, polygons: tuple[tuple[Ring, ...], ...]) -> Region:
    points = [p for polygon in polygons for ring in polygon for p in ring]
    if not points:
        raise ValueError(f"{teryt}: empty geometry")
    bbox = (
        min(p[0] for p in points),
        min(p[1] for p in points),
        max(p[0] for p in points),
        max(p[1] for p in points),
    )
    lat0 = bbox[1]
    n_bands = int((bbox[3] - lat0) / _BAND_DEG) + 1
    bands: list[list[_Edge]] = [[] for _ in range(n_bands)]
    for polygon in polygons:
        for ring in polygon:
            for i, (lon_a, lat_a) in enumerate(ring):
                lon_b, lat_b = ring[(i + 1) % len(ring)]
                if lat_a == lat_b:
                    continue  # horizontal edges never cross a horizontal ray
                lo, hi = min(lat_a, lat_b), max(lat_a, lat_b)
                edge = (lo, hi, lon_a, lat_a, (lon_b - lon_a) / (lat_b - lat_a))
                first = int((lo - lat0) / _BAND_DEG)
                last = min(int((hi - lat0) / _BAND_DEG), n_bands - 1)
                for band in range(first, last + 1):
                    bands[band].append(edge)
    return Region(teryt, name, polygons, bbox, lat0, tuple(tuple(b) for b in bands))


def _inside(region: Region, lat: float, lon: float) -> bool:
    """Even-odd ray casting towards east over the edges of the point's latitude band."""
    min_lon, min_lat, max_lon, max_lat = region.bbox
    if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
        return False
    band = int((lat - region._band_lat0) / _BAND_DEG)
    if band >= len(region._bands):
        return False
    inside = False
    for lo, hi, lon_a, lat_a, slope in region._bands[band]:
        # Half-open [lo, hi): a vertex on the ray is counted once; a point on an edge shared by two
        # voivodeships belongs to exactly one of them.
        if lo <= lat < hi and lon < lon_a + (lat - lat_a) * slope:
            inside = not inside
    return inside


def _finite(*values: float) -> bool:
    return all(isinstance(v, int | float) and math.isfinite(v) for v in values)


def voivodeship_at(boundaries: Boundaries, lat: float, lon: float) -> str | None:
    """TERYT code of the voivodeship containing (lat, lon); ``None`` outside all of them."""
    if not _finite(lat, lon):
        return None
    for region in boundaries.regions:
        if _inside(region, lat, lon):
            return region.teryt
    return None


def distance_km(boundaries: Boundaries, teryt: str, lat: float, lon: float) -> float:
    """Distance from the point to voivodeship ``teryt`` in km (0 inside it).

    Raises ``KeyError`` for an unknown TERYT code.
    """
    region = boundaries.by_teryt[teryt]
    if not _finite(lat, lon):
        return math.inf
    if _inside(region, lat, lon):
        return 0.0
    kx = _KM_PER_DEG_LAT * math.cos(math.radians(lat))
    ky = _KM_PER_DEG_LAT
    best = math.inf
    for ring in region.rings:
        for i, (lon_a, lat_a) in enumerate(ring):
            lon_b, lat_b = ring[(i + 1) % len(ring)]
            ax, ay = (lon_a - lon) * kx, (lat_a - lat) * ky
            bx, by = (lon_b - lon) * kx, (lat_b - lat) * ky
            best = min(best, _point_segment_distance(ax, ay, bx, by))
    return best


def _point_segment_distance(ax: float, ay: float, bx: float, by: float) -> float:
    """Distance from the origin to segment a–b."""
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
    return math.hypot(ax + t * dx, ay + t * dy)


def contains(
    boundaries: Boundaries, teryt: str, lat: float, lon: float, tolerance_km: float = 0.0
) -> bool:
    """Whether (lat, lon) lies in voivodeship ``teryt`` (or within ``tolerance_km`` of it).

    An unknown TERYT code or non-finite coordinates give ``False``.
    """
    region = boundaries.by_teryt.get(teryt)
    if region is None or not _finite(lat, lon):
        return False
    if _inside(region, lat, lon):
        return True
    if tolerance_km <= 0:
        return False
    margin_lat = tolerance_km / _KM_PER_DEG_LAT
    margin_lon = margin_lat / max(math.cos(math.radians(lat)), 0.01)
    min_lon, min_lat, max_lon, max_lat = region.bbox
    if not (
        min_lon - margin_lon <= lon <= max_lon + margin_lon
        and min_lat - margin_lat <= lat <= max_lat + margin_lat
    ):
        return False
    return distance_km(boundaries, teryt, lat, lon) <= tolerance_km


# --- Projection ------------------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0
STANDARD_PARALLELS = (49.8, 54.2)
CENTRAL_MERIDIAN = 19.0
ORIGIN_LATITUDE = 52.0


def _lcc_constants() -> tuple[float, float, float]:
    phi1, phi2 = (math.radians(p) for p in STANDARD_PARALLELS)

    def t(phi: float) -> float:
        return math.tan(math.pi / 4 + phi / 2)

    n = math.log(math.cos(phi1) / math.cos(phi2)) / math.log(t(phi2) / t(phi1))
    f = math.cos(phi1) * t(phi1) ** n / n
    rho0 = EARTH_RADIUS_KM * f / t(math.radians(ORIGIN_LATITUDE)) ** n
    return n, f, rho0


_N, _F, _RHO0 = _lcc_constants()


def lcc_km(lon: float, lat: float) -> tuple[float, float]:
    """Lambert conformal conic (sphere) in km: x east, y north, origin 52°N 19°E."""
    rho = EARTH_RADIUS_KM * _F / math.tan(math.pi / 4 + math.radians(lat) / 2) ** _N
    theta = _N * math.radians(lon - CENTRAL_MERIDIAN)
    return rho * math.sin(theta), _RHO0 - rho * math.cos(theta)


@dataclass(frozen=True)
class View:
    """An affine map from LCC km to an SVG viewBox ``0 0 width height`` (y downwards)."""

    x0_km: float  # km x at the viewBox's left edge
    y0_km: float  # km y at the viewBox's top edge
    units_per_km: float
    width: float
    height: float

    def to_svg(self, x_km: float, y_km: float) -> tuple[float, float]:
        return (x_km - self.x0_km) * self.units_per_km, (self.y0_km - y_km) * self.units_per_km

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return self.to_svg(*lcc_km(lon, lat))


def fit_view(
    km_bbox: tuple[float, float, float, float],
    width: float,
    margin: float,
    min_aspect: float = 0.0,
    max_aspect: float = math.inf,
) -> View:
    """A view showing ``km_bbox`` (min_x, min_y, max_x, max_y) ``width`` units wide.

    ``margin`` is in viewBox units on every side; the height/width ratio of the shown area is
    clamped to [min_aspect, max_aspect] by widening the area around its centre.
    """
    min_x, min_y, max_x, max_y = km_bbox
    w_km, h_km = max(max_x - min_x, 1e-9), max(max_y - min_y, 1e-9)
    aspect = h_km / w_km
    if aspect < min_aspect:
        grow = w_km * min_aspect - h_km
        min_y, max_y, h_km = min_y - grow / 2, max_y + grow / 2, w_km * min_aspect
    elif aspect > max_aspect:
        grow = h_km / max_aspect - w_km
        min_x, max_x, w_km = min_x - grow / 2, max_x + grow / 2, h_km / max_aspect
    scale = (width - 2 * margin) / w_km
    height = round(h_km * scale + 2 * margin)
    return View(min_x - margin / scale, max_y + margin / scale, scale, width, height)


def km_bbox(rings: Iterable[Iterable[LonLat]]) -> tuple[float, float, float, float]:
    """Bounding box of rings in LCC km."""
    xs, ys = zip(*(lcc_km(lon, lat) for ring in rings for lon, lat in ring), strict=True)
    return min(xs), min(ys), max(xs), max(ys)


# Fitted once to the shipped boundaries (tests check that they still fit): LCC km extent of Poland.
POLAND_KM_BBOX = (-327.2, -325.8, 360.6, 315.6)
NATIONAL_WIDTH = 600
NATIONAL_MARGIN = 6
NATIONAL_VIEW = fit_view(POLAND_KM_BBOX, NATIONAL_WIDTH, NATIONAL_MARGIN)
NATIONAL_HEIGHT = NATIONAL_VIEW.height


def project(lon: float, lat: float) -> tuple[float, float]:
    """Lon/lat → (x, y) in the national map's viewBox (``0 0 NATIONAL_WIDTH NATIONAL_HEIGHT``)."""
    return NATIONAL_VIEW.project(lon, lat)
