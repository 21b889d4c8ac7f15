"""Plain-Python planar geometry on the voivodeship boundaries (lon/lat degrees).

Used by the synthetic register generator to keep club locations inside the right voivodeship:
ray casting for point-in-polygon and the distance from a point to the boundary.
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

Ring = list[tuple[float, float]]  # closed ring of (lon, lat)


def load_boundaries(path: Path) -> dict[str, list[Ring]]:
    """All rings (exterior and holes) of each voivodeship, keyed by TERYT code."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list[Ring]] = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [[(float(x), float(y)) for x, y in ring] for poly in polygons for ring in poly]
        out[str(feature["properties"]["teryt"])] = rings
    return out


def contains(rings: list[Ring], lon: float, lat: float) -> bool:
    """Even-odd ray casting over all rings (holes count as outside)."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def boundary_distance(rings: list[Ring], lon: float, lat: float) -> float:
    """Shortest distance (in degrees, planar) from the point to any ring edge."""
    best = math.inf
    for ring in rings:
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            dx, dy = x2 - x1, y2 - y1
            length = dx * dx + dy * dy
            t = 0.0 if length == 0 else max(0.0, min(1.0, ((lon - x1) * dx + (lat - y1) * dy)
                                                    / length))
            best = min(best, math.hypot(lon - (x1 + t * dx), lat - (y1 + t * dy)))
    return best
