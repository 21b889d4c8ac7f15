"""Where the project's own files are: the one place that knows the layout.

In a checkout they sit beside the package (``forms/``, ``site_templates/``, ``mkdocs.yml``); in an
installed wheel they are packaged inside it, under ``generator/_project/`` (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_PACKAGED = PACKAGE / "_project"
# The installed wheel's copy if there is one, else the checkout the package lives in.
PROJECT = _PACKAGED if (_PACKAGED / "mkdocs.yml").is_file() else PACKAGE.parent

FORMS = PROJECT / "forms"  # the certification documents: definitions and templates
SITE_TEMPLATES = PROJECT / "site_templates"  # page templates, theme overrides, assets
MKDOCS_CONFIG = PROJECT / "mkdocs.yml"  # the site's configuration (site_url, theme, ...)
# Column headers of offices' spreadsheets read by `kis import` (in the package, so in the wheel)
IMPORT_COLUMNS = PACKAGE / "officers" / "import_columns.yaml"
IMPORT_ROOT = PACKAGE.parent  # the folder from which `generator` is imported (for workers)
