"""The SC KIS document pack: forms 1–7 and the certification process card, as PDF and web pages.

Definitions live in ``forms/*.yaml``, templates and the print stylesheet in ``forms/templates/``.
The site builder calls :func:`site_files`.
"""

from generator.forms.site import site_files

__all__ = ["site_files"]
