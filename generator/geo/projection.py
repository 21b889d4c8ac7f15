"""Geometry for drawing maps: shared-edge topology, simplification, SVG path data, label points.

Neighbouring voivodeships share their border vertices exactly, so rings are cut into arcs at the
points where the set of voivodeships along the border changes; each arc is simplified once
(Douglas–Peucker) and reused by both neighbours. The simplified map therefore has no gaps or
overlaps. Coordinates are rounded to 0.1 viewBox unit and written as relative path commands.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from generator.geo.boundaries import Boundaries, LonLat, Ring, View, lcc_km

Point = tuple[float, float]
Tenths = tuple[int, int]  # a point in tenths of a viewBox unit


@dataclass(frozen=True)
class Topology:
    """Arcs (lon/lat point runs) and, per voivodeship, its rings as sequences of arc references."""

    arcs: tuple[tuple[LonLat, ...], ...]
    # teryt -> rings -> (arc index, reversed)
    rings: dict[str, tuple[tuple[tuple[int, bool], ...], ...]]


@lru_cache(maxsize=4)
def topology(boundaries: Boundaries) -> Topology:
    """Cut every ring into arcs shared with the neighbours (computed once per boundaries)."""
    owners: dict[tuple[LonLat, LonLat], set[str]] = defaultdict(set)
    for region in boundaries.regions:
        for ring in region.rings:
            for a, b in _edges(ring):
                owners[_edge_key(a, b)].add(region.teryt)

    nodes: set[LonLat] = set()
    for region in boundaries.regions:
        for ring in region.rings:
            n = len(ring)
            for i in range(n):
                before = owners[_edge_key(ring[i - 1], ring[i])]
                after = owners[_edge_key(ring[i], ring[(i + 1) % n])]
                if before != after:
                    nodes.add(ring[i])

    arcs: list[tuple[LonLat, ...]] = []
    arc_index: dict[tuple[LonLat, ...], int] = {}
    rings: dict[str, tuple[tuple[tuple[int, bool], ...], ...]] = {}
    for region in boundaries.regions:
        region_rings = []
        for ring in region.rings:
            refs = []
            for run in _split(ring, nodes):
                backwards = run[::-1]
                key, is_reversed = (run, False) if run <= backwards else (backwards, True)
                if key not in arc_index:
                    arc_index[key] = len(arcs)
                    arcs.append(key)
                refs.append((arc_index[key], is_reversed))
            region_rings.append(tuple(refs))
        rings[region.teryt] = tuple(region_rings)
    return Topology(tuple(arcs), rings)


def _edges(ring: Ring) -> list[tuple[LonLat, LonLat]]:
    return [(ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring))]


def _edge_key(a: LonLat, b: LonLat) -> tuple[LonLat, LonLat]:
    return (a, b) if a <= b else (b, a)


def _split(ring: Ring, nodes: set[LonLat]) -> list[tuple[LonLat, ...]]:
    """Cut a ring into runs between nodes; each run includes both end nodes.

    A ring without nodes (an island) becomes one closed run starting at its smallest point.
    """
    cuts = [i for i, p in enumerate(ring) if p in nodes]
    if not cuts:
        start = ring.index(min(ring))
        rotated = ring[start:] + ring[:start]
        return [(*rotated, rotated[0])]
    n = len(ring)
    runs = []
    for k, start in enumerate(cuts):
        end = cuts[(k + 1) % len(cuts)]
        length = (end - start) % n or n
        runs.append(tuple(ring[(start + j) % n] for j in range(length + 1)))
    return runs


def dp_importance(points: Sequence[Point]) -> list[float]:
    """Per point, the largest Douglas–Peucker tolerance at which the point is still kept.

    Simplifying with tolerance ``t`` keeps exactly the points whose importance is ``> t`` (a
    child's importance is capped by its parent's), so one pass serves every zoom level. End
    points (and, for a closed run, the point farthest from the start) are always kept.
    """
    n = len(points)
    importance = [0.0] * n
    if n == 0:
        return importance
    importance[0] = importance[-1] = math.inf
    spans = [(0, n - 1, math.inf)]
    if n > 2 and points[0] == points[-1]:
        far = max(range(n), key=lambda i: _dist2(points[i], points[0]))
        importance[far] = math.inf
        spans = [(0, far, math.inf), (far, n - 1, math.inf)]
    while spans:
        lo, hi, cap = spans.pop()
        if hi - lo < 2:
            continue
        best, best_i = -1.0, lo + 1
        ax, ay = points[lo]
        dx, dy = points[hi][0] - ax, points[hi][1] - ay
        length2 = dx * dx + dy * dy
        for i in range(lo + 1, hi):
            px, py = points[i][0] - ax, points[i][1] - ay
            t = (px * dx + py * dy) / length2 if length2 else 0.0
            t = 0.0 if t < 0 else min(t, 1.0)
            ex, ey = px - t * dx, py - t * dy
            d = ex * ex + ey * ey
            if d > best:
                best, best_i = d, i
        value = min(math.sqrt(best), cap)
        importance[best_i] = value
        spans.append((lo, best_i, value))
        spans.append((best_i, hi, value))
    return importance


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker simplification keeping both end points (deterministic)."""
    importance = dp_importance(points)
    return [p for p, v in zip(points, importance, strict=True) if v > tolerance]


def _dist2(a: Point, b: Point) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


@lru_cache(maxsize=4)
def _ranked_arcs(boundaries: Boundaries) -> tuple[tuple[tuple[Point, ...], tuple[float, ...]], ...]:
    """Every arc in LCC km with the Douglas–Peucker importance (km) of each point."""
    ranked = []
    for arc in topology(boundaries).arcs:
        points = tuple(lcc_km(lon, lat) for lon, lat in arc)
        ranked.append((points, tuple(dp_importance(points))))
    return tuple(ranked)


@lru_cache(maxsize=64)
def region_rings(
    boundaries: Boundaries, view: View, tolerance: float
) -> dict[str, tuple[tuple[Tenths, ...], ...]]:
    """Per TERYT, the rings in ``view`` simplified to ``tolerance`` viewBox units, in tenths.

    Consecutive duplicate points are dropped; rings that collapse below 3 points are left out.
    """
    tolerance_km = tolerance / view.units_per_km
    k = view.units_per_km * 10
    x0, y0 = view.x0_km, view.y0_km
    simplified = [
        tuple(
            (round((x - x0) * k), round((y0 - y) * k))
            for (x, y), v in zip(points, importance, strict=True)
            if v > tolerance_km
        )
        for points, importance in _ranked_arcs(boundaries)
    ]
    result = {}
    for teryt, rings in topology(boundaries).rings.items():
        out = []
        for refs in rings:
            ring: list[Tenths] = []
            for index, is_reversed in refs:
                arc = simplified[index][::-1] if is_reversed else simplified[index]
                for p in arc:
                    if not ring or ring[-1] != p:
                        ring.append(p)
            if len(ring) > 1 and ring[0] == ring[-1]:
                ring.pop()
            if len(set(ring)) >= 3:
                out.append(tuple(ring))
        result[teryt] = tuple(out)
    return result


@cache
def _tenths(value: int) -> str:
    """Tenths as a compact decimal: 12 → "1.2", -5 → "-.5", 30 → "3"."""
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(value), 10)
    if frac == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{frac}" if whole else f"{sign}.{frac}"


def _pair(dx: int, dy: int) -> str:
    x, y = _tenths(dx), _tenths(dy)
    return x + y if y.startswith("-") else f"{x} {y}"


def path_data(rings: tuple[tuple[Tenths, ...], ...]) -> str:
    """SVG path data: absolute move-to, then relative line-tos, closed per ring."""
    parts = []
    for ring in rings:
        x0, y0 = ring[0]
        cmds = [f"M{_tenths(x0)} {_tenths(y0)}l"]
        deltas = []
        px, py = x0, y0
        for x, y in ring[1:]:
            deltas.append(_pair(x - px, y - py))
            px, py = x, y
        cmds.append(_join_numbers(deltas))
        cmds.append("z")
        parts.append("".join(cmds))
    return "".join(parts)


def _join_numbers(pairs: list[str]) -> str:
    """Join coordinate pairs, omitting the separator before a minus sign."""
    out = []
    for i, pair in enumerate(pairs):
        if i and not pair.startswith("-"):
            out.append(" ")
        out.append(pair)
    return "".join(out)


def fmt(value: float) -> str:
    """A coordinate rounded to one decimal, without trailing zeros."""
    return _tenths(round(value * 10))


# --- Label points ---------------------------------------------------------------------------


def label_point(rings: tuple[tuple[Point, ...], ...], precision: float) -> Point:
    """The pole of inaccessibility (the interior point farthest from the outline).

    The "polylabel" algorithm: quadtree search with a priority queue, to ``precision`` units.
    """
    exterior = rings[0]
    xs = [p[0] for p in exterior]
    ys = [p[1] for p in exterior]
    min_x, min_y, max_x, max_y = min(xs), min(ys), max(xs), max(ys)
    cell = min(max_x - min_x, max_y - min_y)
    if cell == 0:
        return (min_x, min_y)
    half = cell / 2
    queue: list[tuple[float, float, float, float, float]] = []

    def push(x: float, y: float, h: float) -> None:
        d = signed_distance(x, y, rings)
        heapq.heappush(queue, (-(d + h * math.sqrt(2)), x, y, h, d))

    x = min_x
    while x < max_x:
        y = min_y
        while y < max_y:
            push(x + half, y + half, half)
            y += cell
        x += cell
    cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
    best = (signed_distance(cx, cy, rings), cx, cy)
    while queue:
        _neg_max, x, y, h, d = heapq.heappop(queue)
        if d > best[0]:
            best = (d, x, y)
        if d + h * math.sqrt(2) - best[0] <= precision:
            continue
        h /= 2
        for sx in (-h, h):
            for sy in (-h, h):
                push(x + sx, y + sy, h)
    return best[1], best[2]


def signed_distance(x: float, y: float, rings: tuple[tuple[Point, ...], ...]) -> float:
    """Distance to the outline, positive inside (even-odd), negative outside."""
    inside = False
    best = math.inf
    for ring in rings:
        ax, ay = ring[-1]
        for bx, by in ring:
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            dx, dy = bx - ax, by - ay
            length2 = dx * dx + dy * dy
            t = ((x - ax) * dx + (y - ay) * dy) / length2 if length2 else 0.0
            t = 0.0 if t < 0 else min(t, 1.0)
            ex, ey = ax + t * dx - x, ay + t * dy - y
            best = min(best, ex * ex + ey * ey)
            ax, ay = bx, by
    return math.sqrt(best) if inside else -math.sqrt(best)


@lru_cache(maxsize=4)
def coarse_rings_km(boundaries: Boundaries) -> dict[str, tuple[tuple[Point, ...], ...]]:
    """Per TERYT, rings in LCC km simplified to 1.5 km: enough for placing labels."""
    tolerance_km = 1.5
    ranked = _ranked_arcs(boundaries)
    result = {}
    for teryt, refs_rings in topology(boundaries).rings.items():
        rings = []
        for refs in refs_rings:
            ring: list[Point] = []
            for index, is_reversed in refs:
                points, importance = ranked[index]
                kept = [p for p, v in zip(points, importance, strict=True) if v > tolerance_km]
                ring.extend(kept[::-1] if is_reversed else kept)
            rings.append(tuple(ring))
        result[teryt] = tuple(rings)
    return result


@lru_cache(maxsize=4)
def label_points_km(boundaries: Boundaries) -> dict[str, Point]:
    """Per TERYT, the label point (pole of inaccessibility) in LCC km, to 1 km."""
    return {
        teryt: label_point(rings, precision=1.0)
        for teryt, rings in coarse_rings_km(boundaries).items()
    }
