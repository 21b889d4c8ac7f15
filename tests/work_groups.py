"""How ``make test`` shares the tests among pytest-xdist's workers (one a core).

The tests of one module run on one worker, so its module fixtures are made once; the quality
gate's tests of one site (tests/quality, parametrized by ``site``) run on one worker, so that
site is served, swept by the browser and validated once. Work goes out in collection order, in
which tests/conftest.py puts the gate first: its two groups are the longest.

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


def work_group(nodeid: str) -> str:
    """The group of the test ``nodeid``: its module, or the gate's site it checks (a component
    of its parameter id, e.g. ``[synthetic-1000]`` or ``[320-synthetic-1000]``)."""
    if nodeid.startswith(QUALITY):
        found = _SITE_IN_ID.search(nodeid)
        return f"quality-{found.group(1) if found else SITES[0]}"
    return nodeid.split("::", 1)[0]


class GroupScheduling(LoadScopeScheduling):
    """xdist's scope scheduling with :func:`work_group` as the scope, in collection order."""

    def __init__(self, config: pytest.Config, log: Producer | None = None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False  # keep the order tests/conftest.py gave

    def _split_scope(self, nodeid: str) -> str:
        return work_group(nodeid)
