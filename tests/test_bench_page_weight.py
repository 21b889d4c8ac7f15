"""The bench's page-weight figures (issue #19): page types, gzip sizes, the target."""

from __future__ import annotations

import random
from pathlib import Path

from bench import page_weight, targets
from bench.results import SizeResult


def _page(site: Path, path: str, body: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")


def test_pages_are_grouped_by_type_and_the_heaviest_is_named(tmp_path: Path) -> None:
    rnd = random.Random(1)
    noise = "".join(rnd.choice("abcdefghij<>p ") for _ in range(40_000))
    _page(tmp_path, "index.html", "<p>start</p>")
    _page(tmp_path, "rejestr/index.html", "<p>x</p>")
    for n in range(2, 7):
        _page(tmp_path, f"rejestr/strona/{n}/index.html", "<p>y</p>" * n)
    for club in ("a", "b", "c", "d"):
        _page(tmp_path, f"kluby/{club}/index.html", noise if club == "c" else "<p>z</p>")
    for slug in ("pomorskie", "slaskie"):
        _page(tmp_path, f"wojewodztwa/{slug}/index.html", "<p>v</p>")
    _page(tmp_path, "wojewodztwa/pomorskie/strona/2/index.html", "<p>w</p>")
    _page(tmp_path, "wojewodztwa/slaskie/strona/2/index.html", "<p>w</p>")
    _page(tmp_path, "404.html", "<p>nie ma</p>")
    weights = page_weight.weigh(tmp_path)
    kinds = {w.path: w.kind for w in weights}
    assert kinds["rejestr/strona/3/index.html"] == "rejestr/strona/*/"
    assert kinds["kluby/c/index.html"] == "kluby/*/"
    assert kinds["rejestr/index.html"] == "rejestr/"
    assert kinds["wojewodztwa/slaskie/strona/2/index.html"] == "wojewodztwa/*/strona/2/"
    assert kinds["index.html"] == "/" and kinds["404.html"] == "/404.html"
    heaviest = page_weight.heaviest(tmp_path)
    assert heaviest[0][:2] == ("kluby/*/", "kluby/c/index.html")
    assert heaviest[0][2] == page_weight.gzip_size((tmp_path / "kluby/c/index.html").read_bytes())
    assert page_weight.main([str(tmp_path), "--limit-kib", "1"]) == 1  # the noisy page is over
    assert page_weight.main([str(tmp_path)]) == 0


def test_page_weight_target() -> None:
    over = SizeResult(5000, heaviest_pages=[("rejestr/", "rejestr/index.html", 400_000, 30_000)])
    under = SizeResult(5000, heaviest_pages=[("kluby/*/", "kluby/a/index.html", 20_000, 900)])
    assert targets.page_weight(over).passed is False
    assert "rejestr/ 391 KiB" in targets.page_weight(over).measured
    assert targets.page_weight(under).passed is True
    assert targets.page_weight(None).passed is None
    assert targets.page_weight(SizeResult(5000)).passed is None
