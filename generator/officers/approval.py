"""Approving a form issue: who may, and the change prepared for the pull request.

Runs in a job without write permissions, on the base branch's code and register, in two steps::

    python -m generator.officers.approval uprawnienia --wynik uprawnienia.json
    python -m generator.officers.approval przygotuj --zdarzenie "$GITHUB_EVENT_PATH" \
        --uprawnienia uprawnienia.json --wynik wynik

The first holds the membership token and never reads the issue body: it asks which teams of
``.github/CODEOWNERS`` the actor belongs to, and which body the last check saw (the digest in the
check's comment). The second, without any token, decides whether the event is an approval (the
label :data:`APPROVE_LABEL` added to a form issue) of the body that was checked, by a member of the
team that owns the voivodeship's folder; if so it applies the issue to the register with
``kis zgloszenie`` and writes into ``wynik/`` the changed files, the pull request's description
(the ``kis diff`` summary and "Closes #N", the keyword GitHub understands) and the comment.
:func:`generator.officers.github.publish_approval` sends it all with the write token.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.officers import codeowners, issue_form, issue_reply
from generator.officers.git_revisions import summary as diff_summary
from generator.officers.submission import read_answers, read_request, submit
from generator.register.load import RawRegister, load_register

APPROVE_LABEL = issue_reply.APPROVE_LABEL
FORM_LABEL = "zmiana w rejestrze"
MARKER = "<!-- kis-zatwierdzenie -->"
NO_VOIVODESHIP = ("form-no-voivodeship", "form-unknown-voivodeship")
HAS_ERRORS = (
    "zgłoszenie ma błędy – program opisał je w komentarzu ze sprawdzeniem zgłoszenia; po "
    "poprawieniu usuń etykietę „zatwierdzone” i dodaj ją ponownie"
)
CHANGED = (
    "treść zgłoszenia zmieniła się od ostatniego sprawdzenia (albo nie została jeszcze "
    "sprawdzona), a zatwierdzić można tylko sprawdzoną treść; poczekaj na komentarz programu "
    "ze sprawdzeniem nowej treści, przejrzyj go, a potem dodaj etykietę „zatwierdzone” ponownie"
)


@dataclass(frozen=True)
class Event:
    """The parts of an ``issues: labeled`` event that matter here."""

    issue: int
    body: str
    labels: tuple[str, ...]
    actor: str
    is_pull_request: bool = False
    label: str = ""  # the label just added

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Event:
        issue = payload.get("issue") or {}
        return cls(
            issue=int(issue.get("number", 0)),
            body=str(issue.get("body") or ""),
            labels=tuple(str(lb.get("name", "")) for lb in issue.get("labels") or []),
            actor=str((payload.get("sender") or {}).get("login", "")),
            is_pull_request="pull_request" in issue,
            label=str((payload.get("label") or {}).get("name", "")),
        )


def is_approval(event: Event) -> bool:
    """The event adds the approval label to a form issue."""
    return not event.is_pull_request and FORM_LABEL in event.labels and event.label == APPROVE_LABEL


@dataclass(frozen=True)
class Decision:
    approved: bool
    reason: str  # Polish, for the comment; empty when approved
    team: str = ""
    voivodeship: str = ""


def decide(
    event: Event,
    owners_text: str,
    raw: RawRegister,
    member: Callable[[str, str], bool | None],
) -> Decision:
    """May ``event.actor`` approve? ``member(team, login)`` says (None: cannot tell).

    The voivodeship is the one :func:`~generator.officers.submission.read_request` reads.
    """
    request, errors = read_request(read_answers(event.body), raw)
    if request is None:
        if any(p.code in NO_VOIVODESHIP for p in errors):
            return Decision(
                False,
                "zgłoszenie nie wskazuje województwa, więc nie wiadomo, który "
                "zespół może je zatwierdzić; popraw pole „Województwo”",
            )
        return Decision(False, HAS_ERRORS)
    slug = request.voivodeship
    names = {v: k for k, v in issue_form.voivodeship_names(raw).items()}
    name = names.get(slug, slug)
    team = codeowners.team_for(owners_text, slug)
    if not team:
        return Decision(
            False,
            f"plik CODEOWNERS nie wskazuje zespołu dla województwa: {name}; "
            "opiekun rejestru musi go uzupełnić",
            voivodeship=slug,
        )
    state = member(team, event.actor)
    if state is None:
        return Decision(
            False,
            f"program nie może sprawdzić członkostwa w zespole {team}: "
            "opiekun repozytorium musi dodać sekret KIS_ZESPOLY_TOKEN (token "
            "z prawem odczytu członków organizacji)",
            team,
            slug,
        )
    if not state:
        return Decision(
            False, f"zatwierdzić może tylko członek zespołu {team} (województwo {name})", team, slug
        )
    return Decision(True, "", team, slug)


def _refusal(event: Event, reason: str) -> str:
    return (
        f"{MARKER}\n### ⛔ Zgłoszenie nie zostało zatwierdzone\n\n"
        f"@{event.actor}: {issue_reply.escape(reason)}.\n"
    )


def prepare(
    event: Event,
    register: Path,
    repo_root: Path,
    out: Path,
    as_of: date,
    member: Callable[[str, str], bool | None],
    base: str = "main",
    base_sha: str = "",
    *,
    checked: str,
) -> Decision:
    """Decide, and when approved apply the issue to ``register`` (in the working tree) and
    write into ``out`` what :func:`generator.officers.github.publish_approval` needs.

    ``checked`` is the digest of the body the last check saw: another body is not approved.
    """
    raw = load_register(register)
    owners = repo_root / codeowners.PATH
    owners_text = owners.read_text(encoding="utf-8") if owners.is_file() else ""
    decision = decide(event, owners_text, raw, member)
    if decision.approved and checked != issue_reply.body_digest(event.body):
        decision = Decision(False, CHANGED, decision.team, decision.voivodeship)
    out.mkdir(parents=True, exist_ok=True)
    plan: dict[str, Any] = {
        "issue": event.issue,
        "marker": MARKER,
        "approved": False,
        "base": base,
        "base_sha": base_sha,
        "files": [],
    }
    reply = _refusal(event, decision.reason) if not decision.approved else ""
    if decision.approved:
        outcome = submit(register, event.body, as_of, write=True)
        if not outcome.accepted:
            decision = Decision(False, HAS_ERRORS, decision.team, decision.voivodeship)
            reply = _refusal(event, HAS_ERRORS)
        else:
            files = [p.resolve().relative_to(repo_root.resolve()).as_posix() for p in outcome.files]
            for path in files:
                target = out / "pliki" / path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(repo_root / path, target)
            request = outcome.request
            assert request is not None
            names = {v: k for k, v in issue_form.voivodeship_names(raw).items()}
            kind = issue_form.KINDS[request.kind]
            title = (
                f"{names.get(request.voivodeship, request.voivodeship)}: {kind.lower()} "
                f"– {request.club_id} (zgłoszenie #{event.issue})"
            )
            diff = diff_summary(register, "HEAD", None, as_of)
            (out / "opis.md").write_text(
                f"Closes #{event.issue}\n\nScalenie zamknie zgłoszenie #{event.issue}. Zmianę "
                f"przygotował program ze zgłoszenia, zatwierdził(a) ją @{event.actor} (zespół "
                f"{decision.team}).\n\n"
                f"{diff}",
                encoding="utf-8",
            )
            plan.update(approved=True, files=files, title=title)
            reply = (
                f"{MARKER}\n### ✅ Zgłoszenie zatwierdzone\n\n"
                f"Zatwierdził(a) @{event.actor}. Program przygotował pull request "
                "{pull_request} ({url}). Sprawdzenie rejestru uruchomi się samo; po "
                "scaleniu pull requestu to zgłoszenie zostanie zamknięte.\n"
            )
    (out / "plan.json").write_text(json.dumps(plan, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "odpowiedz.md").write_text(reply, encoding="utf-8")
    return decision


@dataclass(frozen=True)
class Rights:
    """What the step holding the tokens found out, for the step that reads the issue."""

    login: str
    teams: dict[str, bool | None]  # team -> is the login an active member (None: cannot tell)
    checked: str  # digest of the body the last check saw ('' when none)

    def member(self, team: str, login: str) -> bool | None:
        return self.teams.get(team) if login == self.login else None

    def to_json(self) -> str:
        return json.dumps(
            {"login": self.login, "teams": self.teams, "checked": self.checked}, indent=2
        )

    @classmethod
    def from_json(cls, text: str) -> Rights:
        data = json.loads(text)
        return cls(str(data["login"]), dict(data["teams"]), str(data["checked"]))


def rights(
    owners_text: str,
    login: str,
    member: Callable[[str, str], bool | None],
    check_comment: str,
) -> Rights:
    """``login``'s membership in every team of CODEOWNERS and the digest the check recorded."""
    teams = {team: member(team, login) for team in codeowners.teams(owners_text)}
    return Rights(login, teams, issue_reply.checked_digest(check_comment))


def _ask_github(env: dict[str, str], owners_text: str) -> Rights:
    """The tokens' step: membership (KIS_ZESPOLY_TOKEN) and the check's comment (GH_TOKEN)."""
    from generator.officers.github import GitHub, find_comment, team_member

    token = env.get("KIS_ZESPOLY_TOKEN", "")
    teams = GitHub(env["GITHUB_REPOSITORY"], token)

    def member(team: str, login: str) -> bool | None:
        return team_member(teams, team, login) if token else None

    repo = GitHub(env["GITHUB_REPOSITORY"], env["GH_TOKEN"])
    comment = find_comment(repo, int(env["NUMER"]), issue_reply.MARKER) or {}
    return rights(owners_text, env["AKTOR"], member, str(comment.get("body") or ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.officers.approval")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("uprawnienia", help="członkostwo w zespołach i sprawdzona treść")
    p.add_argument("--wynik", type=Path, required=True, help="plik JSON na wynik")
    p = sub.add_parser("przygotuj", help="decyzja i przygotowanie zmiany (bez tokenów)")
    p.add_argument("--zdarzenie", type=Path, required=True, help="plik zdarzenia GitHub")
    p.add_argument("--uprawnienia", type=Path, required=True, help="wynik kroku uprawnienia")
    p.add_argument("--wynik", type=Path, required=True, help="folder na przygotowaną zmianę")
    p.add_argument("--register", type=Path, default=Path("register"))
    args = parser.parse_args(argv)
    owners = Path.cwd() / codeowners.PATH
    owners_text = owners.read_text(encoding="utf-8") if owners.is_file() else ""
    if args.command == "uprawnienia":
        args.wynik.write_text(_ask_github(dict(os.environ), owners_text).to_json(), "utf-8")
        return 0
    event = Event.from_payload(json.loads(args.zdarzenie.read_text(encoding="utf-8")))
    if not is_approval(event):
        print("To zdarzenie nie jest zatwierdzeniem zgłoszenia.")
        return 0
    found = Rights.from_json(args.uprawnienia.read_text(encoding="utf-8"))
    decision = prepare(
        event,
        args.register,
        Path.cwd(),
        args.wynik,
        date.today(),
        found.member,
        base=os.environ.get("BASE_REF", "main"),
        base_sha=os.environ.get("BASE_SHA", ""),
        checked=found.checked,
    )
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as f:
            f.write(f"zatwierdzone={'tak' if decision.approved else 'nie'}\n")
    print("Zatwierdzone." if decision.approved else f"Nie zatwierdzono: {decision.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
