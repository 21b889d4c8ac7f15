"""How ``make test`` shares the tests among pytest-xdist's workers (one a core).

The tests of one module run on one worker, so its module fixtures are made once; the quality
gate's tests of one site (tests/quality, parametrized by ``site``) run on one worker, so that
site is served and validated once — but the demo site's gate, the longest group, is split in two
(:data:`SECOND`) so that both workers share it: each sweeps the pages at one width, and reads
the other's half (``shared_sweep`` in tests/quality/sweep.py). Work goes out in collection
order, in which tests/conftest.py puts the gate first: its groups are the longest.

(xdist's own ``--dist loadgroup`` cannot do this here: xdist 3.8.0 tags a grouped test by
setting ``item._nodeid`` (xdist/remote.py), which pytest 9.2 no longer reads — ``Node.nodeid``
is computed from ``Node._id`` (_pytest/nodes.py) — so the tag never reaches the scheduler.)
"""

from __future__ import annotations

import re

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadScopeScheduling

QUALITY = "tests/quality/"
SITES = ("demo", "synthetic-1000")  # the gate's sites: tests/quality/conftest.py's ``site``
_SITE_IN_ID = re.compile(r"[\[-](" + "|".join(map(re.escape, SITES)) + r")[\]-]")
# The gate's modules whose tests of a site form its second group: the HTML checker, the links,
# printing and the keyboard tests (which load pages of their own); the first group holds the
# rest. Split for the demo site only: the synthetic site's group is short enough whole.
SECOND = ("test_html_valid.py", "test_keyboard.py", "test_links.py", "test_print.py")
SPLIT = ("demo",)


def work_group(nodeid: str) -> str:
    """The group of the test ``nodeid``: its module, or the gate's site it checks (a component
    of its parameter id, e.g. ``[synthetic-1000]`` or ``[320-synthetic-1000]``), the demo
    site's tests of a :data:`SECOND` module in a group of their own (``quality-demo-2``)."""
    if nodeid.startswith(QUALITY):
        found = _SITE_IN_ID.search(nodeid)
        site = found.group(1) if found else SITES[0]
        module = nodeid.split("::", 1)[0].removeprefix(QUALITY)
        return f"quality-{site}-2" if site in SPLIT and module in SECOND else f"quality-{site}"
    return nodeid.split("::", 1)[0]


def site_of(group: str) -> str | None:
    """The gate's site a group checks (``quality-demo-2`` → ``demo``), None for a module."""
    for site in SITES:
        if group in (f"quality-{site}", f"quality-{site}-2"):
            return site
    return None


class GroupScheduling(LoadScopeScheduling):
    """xdist's scope scheduling with :func:`work_group` as the scope, in collection order."""

    def __init__(self, config: pytest.Config, log: Producer | None = None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False  # keep the order tests/conftest.py gave

    def _split_scope(self, nodeid: str) -> str:
        return work_group(nodeid)
