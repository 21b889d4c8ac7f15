"""The sweep's wait for a page to be done (:meth:`~tests.quality.browser.Visit.settle`): a page
that fetches data after its load event, answered slowly, and fills itself in steps is checked
only once it is complete; a page that never settles fails loudly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser_support import QuietHandler, serve
from tests.quality.browser import QUIET, NotSettled, guarded

SLOW = 0.6  # seconds the server takes to answer slow.json
NEVER = 5.0  # seconds the server takes to answer never.json (longer than the limit used)

# After its load event the page waits, asks for slow.json (then, chained, for more.json), and
# writes what came in five steps, each shorter apart than QUIET, all of them longer than it.
DELAYED = """<!doctype html><html lang="pl"><title>t</title><main><p id="out">pusto</p>
<script>
addEventListener('load', () => setTimeout(() => fetch('slow.json')
  .then(r => r.json()).then(first => fetch('more.json').then(r => r.json())
  .then(second => {
    const words = [first.text, second.text, 'trzy', 'cztery', 'gotowe'];
    const out = document.getElementById('out');
    out.textContent = '';
    words.forEach((w, i) => setTimeout(() => { out.textContent += (i ? ' ' : '') + w; },
                                         i * %(step)d));
  })), 50));
</script></main></html>"""


class SlowHandler(QuietHandler):
    """Static files; slow.json and never.json answered late."""

    def do_GET(self) -> None:
        if self.path.endswith("/slow.json"):
            time.sleep(SLOW)
        elif self.path.endswith("/never.json"):
            time.sleep(NEVER)
        super().do_GET()


@pytest.fixture(scope="module")
def slow_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("settle")
    (root / "delayed.html").write_text(DELAYED % {"step": int(QUIET * 1000 * 0.6)}, "utf-8")
    (root / "slow.json").write_text('{"text": "jeden"}', "utf-8")
    (root / "more.json").write_text('{"text": "dwa"}', "utf-8")
    (root / "never.json").write_text("{}", "utf-8")
    (root / "hangs.html").write_text(
        '<!doctype html><title>t</title><p id="out">pusto</p><script>'
        "addEventListener('load', () => fetch('never.json'));</script>", "utf-8")
    return root


def test_a_page_is_checked_only_once_its_late_data_is_in(browser: Browser,
                                                          slow_site: Path) -> None:
    with serve(slow_site, SlowHandler) as base, guarded(browser) as visit:
        visit.go(base + "delayed.html")
        assert visit.tab.inner_text("#out") == "pusto"  # the fetch has not even started
        visit.settle()
        filled = visit.tab.inner_text("#out")
    assert filled == "jeden dwa trzy cztery gotowe", filled


def test_a_page_that_never_settles_fails_naming_the_request(browser: Browser,
                                                             slow_site: Path) -> None:
    with serve(slow_site, SlowHandler) as base, guarded(browser) as visit:
        visit.go(base + "hangs.html")
        with pytest.raises(NotSettled, match=r"never\.json"):
            visit.settle(limit=1.0)
