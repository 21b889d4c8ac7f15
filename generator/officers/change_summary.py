"""Render :class:`generator.officers.changes.Changes` as Polish Markdown for a pull request (pure).

Every value from the register is escaped, so a club name can never turn into a link, an image or
HTML in the job summary. GitHub also links bare addresses (``https://…``, ``www.…``, ``a@b.pl``)
and turns ``@name`` and ``@org/team`` into mentions that notify people, and ``#12`` into a
cross-reference: a word joiner (U+2060, invisible) after ``@``, ``:`` and ``#`` and inside
``www.`` breaks each pattern while the text reads the same (see :func:`inert`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.officers.changes import Changes, Rewritten, RowChange, StatusChange
from generator.polish import plural
from generator.problems import Problem
from generator.register.status import Standing
from generator.validation.grouping import group

MAX_ITEMS = 150  # per list; a job summary is limited to 1 MiB
MAX_VALUE = 160  # characters of one shown value
SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")  # what can start markup in the middle of a line
WORD_JOINER = "\u2060"
# GitHub's autolinks (GFM "autolink literal": http(s)://, www., e-mail), mentions and references
AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=@)(?=[\w-])|(?<=#)(?=\d)|(?<=\bwww)(?=\.)", re.I)
PLAIN_ID = re.compile(r"[A-Za-z0-9._-]+")
PLAIN_REV = re.compile(r"[A-Za-z0-9._/~^-]+")
PLAIN_PATH = re.compile(r"[A-Za-z0-9._/-]+")
NUMBER_SHOWN = ("certyfikowany", "wygasa", "wygasly", "cofniety")  # statuses with a certificate
MAX_WARNINGS = 20  # warnings listed in the summary; all are annotated in the files
END_SHOWN = ("certyfikowany", "wygasa", "wygasly")  # statuses where the validity end matters
WRITTEN = {"number": "liczb", "integer": "liczb", "date": "dat"}  # „zapis …” by schema type


@dataclass(frozen=True)
class Side:
    """One compared version: how to name it, how many errors it has, and its warnings."""

    label: str  # revision as given, e.g. "origin/main", or a description of the files
    problems: int  # errors: the register is invalid while there are any
    commit: str = ""  # abbreviated commit id, when the side is a git revision
    warnings: tuple[Problem, ...] = ()  # worth a look before merging, never blocking

    def markdown(self) -> str:
        name = (
            f"`{self.label}`" if self.commit and PLAIN_REV.fullmatch(self.label) else md(self.label)
        )
        return f"{name} ({self.commit})" if self.commit else name


def md(value: str) -> str:
    """Inline text safe in Markdown and in table cells: one line, bounded, escaped."""
    text = " ".join(value.split())
    if len(text) > MAX_VALUE:
        text = text[: MAX_VALUE - 1] + "…"
    return inert(SPECIAL.sub(r"\\\1", text))


def inert(text: str) -> str:
    """``text`` without the bare links, mentions and references GitHub would make of it."""
    return AUTOLINK.sub(WORD_JOINER, text)


def code(value: str) -> str:
    return f"`{value}`" if PLAIN_ID.fullmatch(value) else md(value)


def path(value: str) -> str:
    """A file path as a code span (no escapes work inside one), or escaped text."""
    return f"`{value}`" if PLAIN_PATH.fullmatch(value) else md(value)


def quoted(value: str) -> str:
    return f"„{md(value)}”" if value else "(puste)"


def summary_markdown(changes: Changes, base: Side, head: Side, prefix: str = "register") -> str:
    """The whole summary; ``prefix`` is the register folder's path in the repository."""
    out = ["## Zmiany w rejestrze KIS", ""]
    out.append(
        f"Porównanie: {base.markdown()} → {head.markdown()}. Statusy liczone na dzień "
        f"{changes.as_of.isoformat()}."
    )
    out.append("")
    out += _validity(base, head)
    out += _warnings(changes, prefix)
    sections = [_voivodeship(changes, slug, prefix) for slug in _shown_slugs(changes)]
    sections = [s for s in sections if s]
    for lines in sections:
        out += lines
    other = changes.other_files
    if other:
        out += ["### Inne zmienione pliki", ""]
        out += _capped([f"- {path(f'{prefix}/{p}')}" for p in other])
        out.append("")
    if not sections and not other and not changes.reference_files:
        out += ["Ta zmiana nie zmienia plików rejestru.", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _validity(base: Side, head: Side) -> list[str]:
    n = head.problems
    if n == 0:
        lines = ["✅ Rejestr po zmianie jest poprawny."]
    else:
        lines = [
            f"❌ Rejestr po zmianie ma {n} {plural(n, 'problem', 'problemy', 'problemów')}. "
            "Opisy są w kroku „Sprawdzenie rejestru” i przy zmienionych wierszach w zakładce "
            "„Files changed”. Popraw je przed scaleniem; poniższe podsumowanie może być "
            "niepełne."
        ]
    if base.problems:
        m = base.problems
        lines.append(
            f"⚠️ Rejestr przed zmianą miał {m} {plural(m, 'problem', 'problemy', 'problemów')}."
        )
    out = [part for line in lines for part in (line, "")]
    return out + _warning_list(head.warnings)


def _warning_list(warnings: tuple[Problem, ...]) -> list[str]:
    """The warnings of the changed register, grouped, for the reviewer to look at."""
    if not warnings:
        return []
    groups = group(list(warnings))
    n = len(groups)
    verb = plural(n, "nie blokuje", "nie blokują", "nie blokuje")
    out = [f"🔎 Do sprawdzenia przed scaleniem ({n} "
           f"{plural(n, 'uwaga', 'uwagi', 'uwag')}; {verb} zmiany):", ""]
    for g in groups[:MAX_WARNINGS]:
        text = inert(SPECIAL.sub(r"\\\1", " ".join(g.text().split())))  # in full: how to fix
        out.append(f"- `{md(g.first.location())}`: {text}")
    if n > MAX_WARNINGS:
        rest = n - MAX_WARNINGS
        out.append(f"- … i {rest} {plural(rest, 'kolejna', 'kolejne', 'kolejnych')} "
                   "(pełna lista w kroku „Sprawdzenie rejestru”)")
    return [*out, ""]


def _warnings(changes: Changes, prefix: str) -> list[str]:
    out: list[str] = []
    names = changes.labels.voivodeships
    if len(changes.touched) > 1:
        ordered = [s for s in names if s in changes.touched]
        ordered += sorted(set(changes.touched) - set(ordered))
        shown = ", ".join(md(names.get(s, s)) for s in ordered)
        out += [
            "> [!WARNING]",
            f"> Ta zmiana obejmuje foldery kilku województw: {shown}. Zmiany w folderze "
            "województwa zatwierdza zespół tego województwa – najlepiej podziel je na osobne "
            "pull requesty, po jednym na województwo.",
            "",
        ]
    refs = changes.reference_files
    if refs:
        files = ", ".join(path(f"{prefix}/{p}") for p in refs[:20])
        more = f" i jeszcze {len(refs) - 20}" if len(refs) > 20 else ""
        out += [
            "> [!WARNING]",
            f"> Ta zmiana dotyczy słowników krajowych, schematów lub opisu pakietu danych: "
            f"{files}{more}. Takie zmiany zatwierdza zespół ministerstwa; zwykłe wpisy "
            "o klubach ich nie wymagają.",
            "",
        ]
    if changes.unreadable:
        files = ", ".join(path(f"{prefix}/{p}") for p in changes.unreadable)
        out += [
            "> [!CAUTION]",
            f"> Nie udało się w pełni odczytać pliku: {files}. Porównanie tych plików jest "
            "niepełne – najpierw popraw błędy zapisu wskazane przez sprawdzenie rejestru.",
            "",
        ]
    return out


def _shown_slugs(changes: Changes) -> list[str]:
    involved = (
        {r.voivodeship for r in changes.rows}
        | {s.voivodeship for s in changes.statuses}
        | set(changes.touched)
    )
    ordered = [s for s in changes.labels.voivodeships if s in involved]
    return ordered + sorted(involved - set(ordered))


def _club(changes: Changes, club_id: str) -> str:
    name = changes.labels.clubs.get(club_id, "")
    return f"{md(name)} ({code(club_id)})" if name else code(club_id)


def _capped(items: list[str]) -> list[str]:
    if len(items) <= MAX_ITEMS:
        return items
    return [*items[:MAX_ITEMS], f"- … i jeszcze {len(items) - MAX_ITEMS}"]


def _voivodeship(changes: Changes, slug: str, prefix: str = "register") -> list[str]:
    rows = [r for r in changes.rows if r.voivodeship == slug]
    statuses = [s for s in changes.statuses if s.voivodeship == slug]
    body: list[str] = []
    for kind, change, title, item in (
        ("kluby", "added", "Nowe kluby", _club_added),
        ("kluby", "removed", "Usunięte kluby", _club_removed),
        ("kluby", "changed", "Zmienione dane klubów", _row_changed),
        ("zdarzenia", "added", "Nowe zdarzenia w procesie certyfikacji", _event),
        ("zdarzenia", "changed", "Poprawione zdarzenia", _row_changed),
        ("zdarzenia", "removed", "Usunięte zdarzenia", _event),
        ("uslugi", "added", "Nowe usługi klubów", _service),
        ("uslugi", "changed", "Zmienione opisy usług", _row_changed),
        ("uslugi", "removed", "Usunięte usługi klubów", _service),
    ):
        picked = [r for r in rows if r.kind == kind and r.change == change]
        if not picked:
            continue
        lines: list[str] = []
        for r in picked:
            lines += item(changes, r)
        body += [f"#### {title}", "", *_capped(lines), ""]
        if kind == "kluby" and change == "removed":
            body += [
                "Klubów nie usuwa się z rejestru: zamiast usuwać wiersz, dopisz zdarzenie "
                "„wykreślenie klubu z rejestru” (klub_wykreslony).",
                "",
            ]
    if statuses:
        body += [
            f"#### Zmiany statusu (na dzień {changes.as_of.isoformat()})",
            "",
            "| Klub | Przed zmianą | Po zmianie |",
            "| --- | --- | --- |",
        ]
        body += _capped([_status_row(changes, s) for s in statuses])
        body.append("")
    name = changes.labels.voivodeships.get(slug, slug)
    notes = [_rewritten(r, prefix) for r in changes.rewritten if r.voivodeship == slug]
    if notes:
        body += [*notes, ""]
    if not body:
        body = [
            "Zmieniono pliki województwa, ale nie dane klubów (np. kolejność wierszy lub "
            "zapis pliku).",
            "",
        ]
    return [f"### Województwo {md(name)}", "", *body]


def _rewritten(r: Rewritten, prefix: str) -> str:
    """One file's note: values kept, only how a spreadsheet wrote them changed."""
    nouns = list(dict.fromkeys(WRITTEN.get(t, "wartości") for t in r.types))
    what = " i ".join(nouns)
    return (
        f"{path(f'{prefix}/{r.path}')}: zapis {what} zmieniony (np. {md(r.before)} → "
        f"{md(r.after)}), wartości bez zmian."
    )


def _club_added(changes: Changes, r: RowChange) -> list[str]:
    row = r.row
    where = f", {md(row.get('miejscowosc', ''))}" if row.get("miejscowosc") else ""
    operator = f" – prowadzi: {md(row['podmiot_nazwa'])}" if row.get("podmiot_nazwa") else ""
    return [f"- {_club(changes, r.club_id)}{where}{operator}"]


def _club_removed(changes: Changes, r: RowChange) -> list[str]:
    return [f"- {_club(changes, r.club_id)}"]


def _row_changed(changes: Changes, r: RowChange) -> list[str]:
    what = _club(changes, r.club_id)
    if r.kind == "zdarzenia":
        what += f", {md(r.row.get('data', ''))}: {_event_name(changes, r.row.get('typ', ''))}"
    elif r.kind == "uslugi":
        what += f": {_service_name(changes, r.row.get('usluga', ''))}"
    lines = [f"- {what}"]
    lines += [f"  - {md(f.title)}: {quoted(f.before)} → {quoted(f.after)}" for f in r.fields]
    return lines


def _event_name(changes: Changes, code_: str) -> str:
    name = changes.labels.events.get(code_)
    return md(name) if name else f"{code(code_)} (nieznany rodzaj zdarzenia)"


def _service_name(changes: Changes, code_: str) -> str:
    name = changes.labels.services.get(code_)
    return md(name) if name else f"{code(code_)} (usługa spoza katalogu)"


def _event(changes: Changes, r: RowChange) -> list[str]:
    row = r.row
    text = (
        f"- {md(row.get('data', ''))} – {_club(changes, r.club_id)}: "
        f"{_event_name(changes, row.get('typ', ''))}"
    )
    if row.get("numer_certyfikatu"):
        text += f", nr {md(row['numer_certyfikatu'])}"
    if row.get("uwagi"):
        text += f" (uwagi: {md(row['uwagi'])})"
    return [text]


def _service(changes: Changes, r: RowChange) -> list[str]:
    row = r.row
    text = f"- {_club(changes, r.club_id)}: {_service_name(changes, row.get('usluga', ''))}"
    if row.get("opis"):
        text += f" – {md(row['opis'])}"
    return [text]


def _standing(changes: Changes, s: Standing | None) -> str:
    if s is None:
        return "nowy klub"
    text = md(changes.labels.statuses.get(s.status, s.status))
    if s.certificate_number and s.status in NUMBER_SHOWN:
        text += f", nr {md(s.certificate_number)}"
    if s.valid_until and s.status in END_SHOWN:
        text += f", ważność do {s.valid_until.isoformat()}"
    return text


def _status_row(changes: Changes, s: StatusChange) -> str:
    return (
        f"| {_club(changes, s.club_id)} | {_standing(changes, s.before)} | "
        f"{_standing(changes, s.after)} |"
    )
