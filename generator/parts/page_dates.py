"""When a page last changed, from the register alone: the sitemap's ``lastmod``.

The site is a function of the register and the as-of date, so a page's date must be too (a
git log would make two builds of the same register differ). A club page changes on the club's
entry, on each of its events and good-practice stories, and on the two days its status moves
without an event: when its certificate enters its last 90 days and the day after it ends. While
the certificate is in those 90 days, the page counts the days left: it changes every day.
Pages without such a date keep the build's as-of date.
"""

from __future__ import annotations

from datetime import date, timedelta

from generator.register.model import Club, Story
from generator.register.status import EXPIRY_WARNING_DAYS, standing


def club_page_date(club: Club, stories: list[Story], as_of: date) -> date:
    """The last day on or before ``as_of`` on which the club's page changed."""
    now = standing(club.events, as_of)
    if now.status == "wygasa":
        return as_of
    days = [club.entry_date, *(e.date for e in club.events), *(s.date for s in stories)]
    if now.valid_until:
        days += [now.valid_until - timedelta(days=EXPIRY_WARNING_DAYS),
                 now.valid_until + timedelta(days=1)]
    past = [d for d in days if d <= as_of]
    return max(past) if past else as_of
