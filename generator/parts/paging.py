"""Long lists split into numbered pages, so that no page grows with the register.

Page 1 keeps the list's own address (``rejestr/``); page *n* is ``rejestr/strona/n/``. The split
depends only on the sorted list and :data:`PAGE_SIZE`, so it is deterministic. Every page carries
the pagination nav (``_macros.html`` ``pager``): without JavaScript all rows stay reachable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

PAGE_SIZE = 100  # rows a page: ≈ 1,000 DOM elements of a club table, ≈ 20 KiB gzip
PAGE_FOLDER = "strona"
WINDOW = 2  # page numbers shown on each side of the current one


def page_url(base: str, number: int) -> str:
    """The address of page ``number`` of the list at ``base`` (page 1 is ``base`` itself)."""
    return base if number == 1 else f"{base}{PAGE_FOLDER}/{number}/"


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its rows and where it stands among the list's pages."""

    rows: Sequence[T]
    number: int  # 1-based
    count: int  # pages in the list (at least 1)
    total: int  # rows in the whole list
    first: int  # position of the first row in the list, 1-based (0 for an empty list)
    base: str  # address of page 1
    label: str  # accessible name of the pagination nav, e.g. "Strony rejestru"

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    @property
    def docs_path(self) -> str:
        return f"{self.url}index.md"

    @property
    def last(self) -> int:
        """Position of the last row on this page (1-based)."""
        return self.first + len(self.rows) - 1 if self.rows else 0

    @property
    def paged(self) -> bool:
        return self.count > 1

    def url_of(self, number: int) -> str:
        return page_url(self.base, number)

    def numbers(self) -> list[int | None]:
        """Page numbers to link: the first, the last and :data:`WINDOW` around this one; None
        where numbers are left out (shown as an ellipsis)."""
        keep = {1, self.count, *range(self.number - WINDOW, self.number + WINDOW + 1)}
        shown = sorted(n for n in keep if 1 <= n <= self.count)
        out: list[int | None] = []
        for n in shown:
            if out and n - (out[-1] or 0) == 2:
                out.append(n - 1)  # one number hidden: show it rather than an ellipsis
            elif out and n - (out[-1] or 0) > 2:
                out.append(None)
            out.append(n)
        return out


def paginate(rows: Sequence[T], base: str, label: str, size: int | None = None) -> list[Page[T]]:
    """``rows`` in pages of ``size`` (default :data:`PAGE_SIZE`); an empty list is one page."""
    size = size or PAGE_SIZE
    count = max(1, math.ceil(len(rows) / size))
    return [
        Page(rows[(n - 1) * size : n * size], n, count, len(rows),
             (n - 1) * size + 1 if rows else 0, base, label)
        for n in range(1, count + 1)
    ]
