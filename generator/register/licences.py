"""The package's licences: a list of objects with ``name``, ``title`` and an http(s) ``path``.

The first licence is shown in every page's footer (a link) and in the exports, so a licence given
as a plain string, or a ``javascript:`` address, is a located problem, never reaches the build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.problems import Problem, problem
from generator.register.identifiers import url_valid
from generator.register.yaml_lines import key_line

LICENCE_KEYS = ("name", "title", "path")


def check_licences(desc: dict[str, Any], path: Path, shown: str) -> list[Problem]:
    """Problems of the descriptor's ``licenses`` (absent is allowed: no licence is shown)."""
    if "licenses" not in desc:
        return []
    licences = desc["licenses"]
    if not isinstance(licences, list) or not licences:
        return [problem("descriptor-bad-value", shown, key_line(path, ("licenses",)),
                        key="licenses", where="pakietu", value=_short(licences),
                        expected="listę licencji, np. „- name: CC-BY-4.0” z kluczami title "
                                 "i path")]
    found: list[Problem] = []
    for i, item in enumerate(licences):  # the file is composed again only for a problem's line
        where = f"licencji nr {i + 1}"
        if not isinstance(item, dict):
            found.append(problem("descriptor-licence-not-object", shown,
                                 key_line(path, ("licenses", i)), number=i + 1,
                                 value=_short(item)))
            continue
        known = ", ".join(LICENCE_KEYS)
        found += [problem("descriptor-unknown-key", shown, key_line(path, ("licenses", i, key)),
                          key=str(key), where=where, allowed=known)
                  for key in item if key not in LICENCE_KEYS]
        for key in LICENCE_KEYS:
            value = item.get(key)
            if key not in item:
                found.append(problem("descriptor-missing-key", shown,
                                     key_line(path, ("licenses", i)), key=key, where=where))
            elif not isinstance(value, str) or not value.strip():
                found.append(problem("descriptor-bad-value", shown,
                                     key_line(path, ("licenses", i, key)), key=key, where=where,
                                     value=_short(value), expected="niepusty tekst"))
        value = item.get("path")
        if isinstance(value, str) and value.strip() and not url_valid(value):
            found.append(problem("descriptor-licence-url", shown,
                                 key_line(path, ("licenses", i, "path")), value=value,
                                 number=i + 1))
    return found


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"
