"""Wide pages use the width: at 1280 px no page shows a sidebar holding nothing or a single link
beside a narrowed column of content (hide the sidebar instead: ``hide`` in the front matter)."""

from __future__ import annotations

from tests.quality.browser import WIDTHS
from tests.quality.findings import Finding, fail_on
from tests.quality.sweep import Sweep

MIN_LINKS = 2  # a sidebar with fewer links is not worth the width it takes


def test_no_empty_sidebar_narrows_the_content(swept: Sweep) -> None:
    findings = [Finding("layout", "(site)", p) for p in swept.problems]
    desktop = [v for v in swept.visits if v.width == WIDTHS["desktop"][0]]
    assert desktop, "no page was loaded"
    for visit in desktop:
        layout = visit.layout
        for side in ("primary", "secondary"):
            bar = layout[side]
            if bar and bar["links"] < MIN_LINKS:
                findings.append(Finding(
                    "layout", visit.label, f"the {side} sidebar holds {bar['links']} link(s) "
                    f"and takes {bar['width']} px", f"content {layout['content']} px of "
                    f"{layout['main']} px"))
    fail_on("wide pages use the width", findings)
