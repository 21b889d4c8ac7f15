"""What ``kis zgloszenie`` answers: text for the terminal, Markdown for the comment under the issue.

The comment starts with :data:`MARKER`, a hidden HTML comment by which the workflow finds and
updates its earlier answer instead of adding another one. Everything is said in the form's words:
field labels, event and service names, never file paths, column names or codes.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from generator.officers import codeowners, issue_form
from generator.officers.form_problems import inner_quotes, place
from generator.officers.issue_form import CLEAR
from generator.officers.submission import Outcome, Request
from generator.polish import date_pl
from generator.problems import Problem
from generator.register.load import RawRegister

MARKER = "<!-- kis-zgloszenie -->"
# the second line of the reply: which text was checked, so that approval takes only that text
CHECKED = re.compile(r"^<!-- kis-sprawdzona-tresc: ([0-9a-f]{64}) -->$", re.MULTILINE)
APPROVE_LABEL = "zatwierdzone"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|@~#!])")
# notices about how a file was saved: a form user saves no file, so they mean nothing here
NOT_FOR_FORM = frozenset({"file-spreadsheet-save"})
# the resulting status („bez certyfikatu”) is said once, in the status line
WITHOUT_CERTIFICATE = "bez zdarzeń: klub nie składał wniosku o certyfikat"
EDIT_HOW = (
    "Popraw zgłoszenie: kliknij „…” w prawym górnym rogu jego treści i wybierz „Edit”. "
    "Po zapisaniu program sprawdzi je ponownie i zaktualizuje ten komentarz."
)


def body_digest(body: str) -> str:
    """SHA-256 of the issue body as checked (line ends and final newlines do not count)."""
    text = body.replace("\r\n", "\n").rstrip("\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checked_digest(comment: str) -> str:
    """The digest of the body the reply ``comment`` was written for ('' when it says none)."""
    if not comment.startswith(MARKER):
        return ""
    found = CHECKED.search(comment)
    return found.group(1) if found else ""


def escape(text: str) -> str:
    """User text made inert in Markdown (no formatting, links or @mentions)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _names(raw: RawRegister, resource: str) -> dict[str, str]:
    return {code: name for name, code in issue_form.option_names(raw, resource).items()}


def summary(request: Request, raw: RawRegister) -> list[str]:
    """The request in the officer's words, one item per line (plain text)."""
    events = issue_form.event_names(raw)
    services = _names(raw, "katalog-uslug")
    labels = {f.target: f.label for f in issue_form.fields(raw)}
    club = request.club_id
    out: list[str] = []
    if request.kind == "nowy_klub":
        name = request.values.get("kluby.nazwa", "")
        town = request.values.get("kluby.miejscowosc", "")
        out.append(f"nowy klub „{inner_quotes(name)}” ({town}), identyfikator {club}")
        if not request.events:
            out.append(WITHOUT_CERTIFICATE)
    elif request.kind == "zmiana_danych":
        for target, value in request.values.items():
            shown = "usunięta wartość" if value == CLEAR else f"„{inner_quotes(value)}”"
            out.append(f"klub {club}, {labels.get(target, target)}: {shown}")
    for event in request.events:
        day = date_pl(date.fromisoformat(event.day))
        line = f"zdarzenie z {day}: {events.get(event.kind, event.kind)}"
        if event.number:
            line += f", certyfikat {event.number}"
        if event.notes:
            line += f" – {event.notes}"
        out.append(line)
    for code in request.services:
        out.append(f"usługa: {services.get(code, code)}")
    return out


def status_line(outcome: Outcome) -> str:
    """„po wpisaniu klub będzie miał status: certyfikat wygasł” ('' when it is not known)."""
    return f"po wpisaniu klub będzie miał status: {outcome.status}" if outcome.status else ""


def _shown(problems: list[Problem]) -> list[Problem]:
    """The problems that mean something to the person who filled in the form."""
    return [p for p in problems if p.code not in NOT_FOR_FORM]


def _problem_line(p: Problem) -> str:
    where = place(p)
    context = p.params.get("context", "")
    if context:
        where += f" ({context})"
    return f"{where}: {p.message} — {p.hint}"


def text(outcome: Outcome, raw: RawRegister, as_of: date) -> str:
    """The terminal report of ``kis zgloszenie``."""
    lines: list[str] = []
    if outcome.errors or outcome.problems:
        lead = (
            "Zgłoszenia nie można przenieść do rejestru:"
            if outcome.errors
            else "Po wprowadzeniu zgłoszenia rejestr miałby błędy:"
        )
        lines.append(lead)
        lines += [f"- {_problem_line(p)}" for p in outcome.errors + outcome.problems]
        lines.append("Nic nie zostało zapisane. Popraw zgłoszenie i uruchom polecenie ponownie.")
        return "\n".join(lines) + "\n"
    lines.append("Zmieniono:" if outcome.applied else "Zgłoszenie jest poprawne; zmieniłoby:")
    lines += [f"- {c}" for c in outcome.changes]
    if outcome.request:
        lines.append("Treść zgłoszenia:")
        lines += [f"- {s}" for s in summary(outcome.request, raw)]
    if status_line(outcome):
        lines.append(f"Stan klubu: {status_line(outcome)}.")
    warnings = _shown(outcome.warnings)
    if warnings:
        lines.append("Do sprawdzenia (nie blokuje zgłoszenia):")
        lines += [f"- {_problem_line(p)}" for p in warnings]
    lines.append(f"Rejestr po zmianie jest poprawny (stan na {date_pl(as_of)}).")
    if outcome.applied:
        lines.append("Przejrzyj zmiany (git diff) i zgłoś je w pull requeście.")
    return "\n".join(lines) + "\n"


def _md_problem(p: Problem) -> str:
    where = place(p)
    where = where[0].upper() + where[1:]
    context = p.params.get("context", "")
    if context:
        where += f" ({escape(context)})"
    return f"- **{where}:** {escape(p.message)}.  \n  Jak poprawić: {escape(p.hint)}."


def _voivodeship(raw: RawRegister, slug: str) -> str:
    names = {v: k for k, v in issue_form.voivodeship_names(raw).items()}
    return names.get(slug, slug)


def markdown(
    outcome: Outcome, raw: RawRegister, as_of: date, codeowners_text: str = "", body: str = ""
) -> str:
    """The comment under the issue (Polish Markdown), starting with :data:`MARKER` and the
    digest of the checked ``body``."""
    out = [MARKER, f"<!-- kis-sprawdzona-tresc: {body_digest(body)} -->"]
    when = date_pl(as_of)
    if outcome.errors:
        out += [
            "### ❌ Zgłoszenie wymaga poprawek",
            "",
            "Program nie może jeszcze przenieść zgłoszenia do rejestru:",
            "",
            *[_md_problem(p) for p in outcome.errors],
            "",
            EDIT_HOW,
        ]
    elif outcome.problems:
        out += [
            "### ❌ Zgłoszenie wymaga poprawek",
            "",
            f"Po wprowadzeniu zgłoszenia rejestr miałby błędy (stan na {when}):",
            "",
            *[_md_problem(p) for p in outcome.problems],
            "",
            EDIT_HOW,
        ]
    else:
        out += ["### ✅ Zgłoszenie jest poprawne", ""]
        request = outcome.request
        if request is not None:
            name = _voivodeship(raw, request.voivodeship)
            out += [
                f"Po jego wprowadzeniu rejestr będzie poprawny (stan na {when}). Zmiana "
                f"w rejestrze (województwo {name}):",
                "",
                *[f"- {escape(s)}" for s in summary(request, raw)],
                "",
            ]
            if status_line(outcome):
                out += [f"**Stan klubu:** {status_line(outcome)}.", ""]
            team = codeowners.team_for(codeowners_text, request.voivodeship)
            who = f"zespołu {team}" if team else "zespołu urzędu"
            out += [
                f"**Co dalej:** członek {who} (województwo {name}) zatwierdza zgłoszenie, "
                "dodając etykietę "
                f"„{APPROVE_LABEL}” (pole „Labels” z prawej strony). Program przygotuje wtedy "
                "pull request z tą zmianą; jego scalenie zamknie to zgłoszenie.",
            ]
    warnings = _shown(outcome.warnings)
    if warnings:
        out += [
            "",
            "**Do sprawdzenia** (nie blokuje zgłoszenia):",
            "",
            *[_md_problem(p) for p in warnings],
        ]
    return "\n".join(out) + "\n"
