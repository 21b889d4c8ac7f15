"""/statystyki/: the certification system in figures, national and per voivodeship, with the
yearly reports (HTML and PDF) and the figures as CSV on /dane/statystyki/.

``site_files(register, ctx)`` follows the contract of :mod:`generator.site.context`; the
reports' PDFs are pending files, rendered meanwhile in the forms' PDF workers and cache. The
figures come from :mod:`.figures` (pure).
"""

from __future__ import annotations

from generator.parts.statistics.site import site_files

__all__ = ["site_files"]
