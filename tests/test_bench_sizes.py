"""The benchmark's measure of the GitHub Pages artifact (issue #19)."""

from __future__ import annotations

import os
from pathlib import Path

from bench import sizes


def test_artifact_stores_hard_links_whole_and_deflates_text(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "kluby").mkdir(parents=True)
    noise = os.urandom(100_000)  # does not compress
    (site / "kluby" / "a.pdf").write_bytes(noise)
    os.link(site / "kluby" / "a.pdf", site / "b.pdf")  # as the build links cached PDFs
    (site / "index.html").write_text("<p>Klub</p>\n" * 50_000)  # 600 kB, compresses well
    artifact = sizes.pages_artifact_bytes(site)
    assert 200_000 < artifact < 215_000  # both links stored whole, the text almost vanished
    assert sizes.tree_bytes(site) == 800_000
