"""The site's own relative path computation agrees with ``posixpath.relpath`` (which it skips for
speed: ``relpath`` calls ``os.getcwd()`` twice for each of ~30,000 links of a 1,000-club site)."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from generator.site.formats import _relpath, relative_url

SEGMENTS = st.sampled_from(["a", "b", "kluby", "dane", "x.csv", ".", "", "..", "ź"])
PATHS = st.lists(SEGMENTS, max_size=5).map(lambda parts: "/".join(parts) or ".")


@given(PATHS, PATHS)
def test_relpath_is_posixpath_relpath(path: str, start: str) -> None:
    try:
        expected = posixpath.relpath(path, start)
    except ValueError:
        return
    assert _relpath(path, start) == expected


def test_links_between_pages() -> None:
    assert relative_url("kluby/a/", "kluby/b/") == "../b/"
    assert relative_url("kluby/a/", "kluby/a/") == "./"
    assert relative_url("kluby/a/", "kluby/a/mapa.svg") == "mapa.svg"
    assert relative_url("", "") == "./"
    assert relative_url("", "rejestr/") == "rejestr/"
    assert relative_url("kluby/kolbudy/", "rejestr/") == "../../rejestr/"
    assert relative_url("kluby/kolbudy/", "") == "../../"
    assert relative_url("rejestr/", "rejestr/#wygasajace") == "./#wygasajace"
    assert relative_url("wojewodztwa/slaskie/", "dane/slaskie.csv") == "../../dane/slaskie.csv"
    assert relative_url("dane/index.html", "dane/x.csv#opis") == "x.csv#opis"
