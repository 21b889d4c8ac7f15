"""How ``make test`` shares the tests among pytest-xdist's workers (one a core).

The tests of one module run on one worker, so its module fixtures are made once; the quality
gate's tests of one site (tests/quality, parametrized by ``site``) run on one worker, so that
site is served, swept by the browser and validated once. Work goes out in collection order, in
which tests/conftest.py puts the gate first: its two groups are the longest.

(xdist's own ``--dist loadgroup`` groups marked tests by appending the group to their ids,
which has no effect since pytest 9 computes ids; this scheduler groups them by their ids.)
"""

from __future__ import annotations

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadScopeScheduling

QUALITY = "tests/quality/"
SITES = ("demo", "synthetic-1000")  # the params of tests/quality/conftest.py's ``site``


def work_group(nodeid: str) -> str:
    """The group of the test ``nodeid``: its module, or the gate's site it checks."""
    if nodeid.startswith(QUALITY):
        param = nodeid.rpartition("[")[2].rstrip("]") if nodeid.endswith("]") else ""
        return f"quality-{param if param in SITES else SITES[0]}"
    return nodeid.split("::", 1)[0]


class GroupScheduling(LoadScopeScheduling):
    """xdist's scope scheduling with :func:`work_group` as the scope, in collection order."""

    def __init__(self, config: pytest.Config, log: Producer | None = None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False  # keep the order tests/conftest.py gave

    def _split_scope(self, nodeid: str) -> str:
        return work_group(nodeid)
