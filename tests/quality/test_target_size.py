"""WCAG 2.2 success criterion 2.5.8 (target size, minimum) on every kind of page, phone and
desktop: every link, button, form field and map dot not inside running text is at least
24 × 24 CSS px, or spaced so that a 24 px circle centred on it touches no other target.

Map dots are measured by their hit area (a transparent circle around the drawn dot), which must
itself reach 24 × 24 px at every width: where dots crowd together the positions are essential
(the criterion's exception) and every club is also listed, as a link, under the map.
"""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.quality.browser import WIDTHS, guarded
from tests.quality.findings import Finding, fail_on, snippet
from tests.quality.sweep import Sweep
from tests.quality.targets import MIN_SIZE, SMALL_TARGETS, TARGETS


def test_every_target_is_at_least_24_px(swept: Sweep) -> None:
    findings = [Finding("target-size", "(site)", p) for p in swept.problems]
    for visit in swept.visits:
        findings += [Finding("target-size", visit.label, f"target of {t['size']}, under "
                             f"{MIN_SIZE}×{MIN_SIZE} px and too close to another",
                             f"{snippet(t['html'], 120)} — next to {snippet(t['near'], 80)}")
                     for t in visit.small]
    assert swept.visits, "no page was checked"
    fail_on(f"target size ({' and '.join(WIDTHS)} widths)", findings)


def test_the_check_finds_small_targets_and_keeps_the_exceptions(browser: Browser) -> None:
    with guarded(browser, 800, 600) as visit:
        visit.tab.set_content(
            '<style>body{margin:0;font:16px/1.2 sans-serif} button{all:unset}</style>'
            # two 16 px buttons side by side: too small and too close
            '<div><button id="a">A</button><button id="b">B</button></div>'
            # a link in a sentence: the inline exception
            '<p>Zobacz <a id="inline" href="#x">regulamin</a> klubu.</p>'
            # a small link alone, far from everything: the spacing exception
            '<div style="margin-top:60px"><a id="alone" href="#y">sam</a></div>'
            # a big enough button
            '<div style="margin-top:60px"><button id="big" style="display:inline-block;'
            'width:30px;height:30px">C</button><button id="big2" style="display:inline-block;'
            'width:30px;height:30px">D</button></div>'
            # a map dot whose hit area is 10 px, alone: dots must reach 24 px regardless
            '<svg width="300" height="100" style="margin-top:60px"><a id="dot" href="#d">'
            '<circle cx="150" cy="50" r="5"/></a></svg>')
        small = visit.tab.evaluate(SMALL_TARGETS, [TARGETS, MIN_SIZE])
    ids = sorted(t["html"].split('id="')[1].split('"')[0] for t in small)
    assert ids == ["a", "b", "dot"], small
