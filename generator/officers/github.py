"""The few GitHub API calls the workflows make, with the standard library only.

The jobs that hold a write token run this module from the base branch without installing any
package: ``python3 -m generator.officers.github komentarz|opublikuj|napraw|komentarz-pr|linki``.
Everything they write was prepared by an earlier job without that token
(:mod:`generator.officers.approval`, :mod:`generator.officers.format_repair`,
:mod:`generator.officers.pr_comment`, :mod:`generator.officers.link_report`) and is checked
here again before it is sent.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

API = "https://api.github.com"
# the only files the workflows may commit: a voivodeship's three tables
WRITABLE = re.compile(r"^register/wojewodztwa/[a-z]+(?:-[a-z]+)*/(?:kluby|zdarzenia|uslugi)\.csv$")
CHECK_WORKFLOW = "sprawdzenie-zmian.yml"
LINK_ISSUES_FILE = "zgloszenia-linki.json"  # link_report.ISSUES_FILE (that module needs more)
BOT_TYPES = ("Bot",)
PROGRAM_LOGIN = "github-actions[bot]"  # who the workflows' commits are by
CHECK_FAILED = (
    "### ⚠️ Nie udało się sprawdzić zgłoszenia\n\n"
    "Nie udało się sprawdzić zgłoszenia z powodu błędu programu, a nie treści zgłoszenia. "
    "Zespół rejestru został powiadomiony (nieudane sprawdzenie widać w zakładce „Actions”). "
    "Nie zatwierdzaj zgłoszenia, dopóki program go nie sprawdzi; po naprawie programu "
    "zapisz zgłoszenie ponownie („…” → „Edit” → „Update comment”), a sprawdzenie się powtórzy.\n"
)
FOREIGN_COMMITS = (
    "### ⛔ Pull request nie został przygotowany\n\n"
    "Gałąź `{branch}` ma commity, których nie zrobił program ({who}). Program nie nadpisze "
    "cudzej pracy. Scal albo zamknij pull request z tej gałęzi i usuń gałąź, a potem usuń "
    "etykietę „zatwierdzone” i dodaj ją ponownie.\n"
)

Transport = Callable[[str, str, dict[str, Any] | None, str], tuple[int, Any]]


class GitHubError(Exception):
    """A call was refused; ``status`` is the HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"GitHub API {status}: {message}")
        self.status = status


def urllib_transport(
    method: str, url: str, body: dict[str, Any] | None, token: str
) -> tuple[int, Any]:
    """One HTTPS request to the API; (status, decoded JSON or None)."""
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/vnd.github+json")
    request.add_header("X-GitHub-Api-Version", "2022-11-28")
    request.add_header("User-Agent", "rejestr-kis")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read().decode("utf-8")
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as err:
        text = err.read().decode("utf-8", "replace")
        try:
            return err.code, json.loads(text) if text else None
        except ValueError:
            return err.code, {"message": text[:300]}


@dataclass
class GitHub:
    """A repository seen through the API with one token."""

    repo: str  # owner/name
    token: str
    transport: Transport = urllib_transport

    def call(
        self, method: str, path: str, body: dict[str, Any] | None = None, ok: tuple[int, ...] = ()
    ) -> tuple[int, Any]:
        if not path.startswith("/"):
            raise ValueError("API paths start with /")
        url = API + path  # the token never goes to another host
        status, data = self.transport(method, url, body, self.token)
        if status >= 400 and status not in ok:
            message = data.get("message", "") if isinstance(data, dict) else ""
            raise GitHubError(status, message)
        return status, data

    def graphql(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        _, data = self.call("POST", "/graphql", {"query": query, "variables": variables})
        if not isinstance(data, dict) or data.get("errors"):
            errors = data.get("errors") if isinstance(data, dict) else data
            raise GitHubError(200, json.dumps(errors, ensure_ascii=False)[:500])
        return data["data"]


# --- comments ------------------------------------------------------------------------------


def find_comment(gh: GitHub, number: int, marker: str) -> dict[str, Any] | None:
    """The bot's comment starting with ``marker`` on issue/PR ``number``, or None."""
    page = 1
    while True:
        _, comments = gh.call(
            "GET", f"/repos/{gh.repo}/issues/{number}/comments?per_page=100&page={page}"
        )
        for comment in comments or []:
            author = comment.get("user") or {}
            if author.get("type") in BOT_TYPES and str(comment.get("body", "")).startswith(marker):
                return dict(comment)
        if not comments or len(comments) < 100:
            return None
        page += 1


def upsert_comment(gh: GitHub, number: int, body: str, marker: str) -> int:
    """Update the bot's comment that starts with ``marker`` on issue/PR ``number``, or add one."""
    if not body.startswith(marker):
        raise ValueError("the comment must start with its marker")
    comment = find_comment(gh, number, marker)
    if comment is not None:
        gh.call("PATCH", f"/repos/{gh.repo}/issues/comments/{comment['id']}", {"body": body})
        return int(comment["id"])
    _, made = gh.call("POST", f"/repos/{gh.repo}/issues/{number}/comments", {"body": body})
    return int(made["id"])


def remove_label(gh: GitHub, number: int, label: str) -> None:
    """Take ``label`` off issue ``number`` (nothing happens when it is not there)."""
    name = urllib.parse.quote(label, safe="")
    gh.call("DELETE", f"/repos/{gh.repo}/issues/{number}/labels/{name}", ok=(404,))


# --- membership ----------------------------------------------------------------------------


def team_member(gh: GitHub, team: str, login: str) -> bool | None:
    """Is ``login`` an active member of ``org/team``? None when the token may not tell."""
    org, _, slug = team.partition("/")
    status, data = gh.call(
        "GET", f"/orgs/{org}/teams/{slug}/memberships/{login}", ok=(401, 403, 404)
    )
    if status in (401, 403):
        return None
    if status == 404:
        return False
    return isinstance(data, dict) and data.get("state") == "active"


# --- branches, commits, pull requests -------------------------------------------------------

COMMIT = """
mutation($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid url } }
}
"""


def commit_files(
    gh: GitHub,
    branch: str,
    expected_head: str,
    files: dict[str, bytes],
    headline: str,
    body: str = "",
) -> str:
    """One commit on ``branch`` (only if its head is still ``expected_head``); its SHA."""
    for path in files:
        if not WRITABLE.match(path):
            raise ValueError(f"refusing to commit {path!r}: not a voivodeship table")
    data = gh.graphql(
        COMMIT,
        {
            "input": {
                "branch": {"repositoryNameWithOwner": gh.repo, "branchName": branch},
                "expectedHeadOid": expected_head,
                "message": {"headline": headline, "body": body},
                "fileChanges": {
                    "additions": [
                        {"path": path, "contents": base64.b64encode(content).decode("ascii")}
                        for path, content in sorted(files.items())
                    ]
                },
            }
        },
    )
    return str(data["createCommitOnBranch"]["commit"]["oid"])


class ForeignCommits(Exception):
    """The branch holds commits the program did not make; ``who`` names their authors."""

    def __init__(self, branch: str, who: list[str]) -> None:
        super().__init__(f"{branch} has commits by {', '.join(who)}")
        self.branch = branch
        self.who = who


def foreign_authors(gh: GitHub, branch: str, sha: str) -> list[str]:
    """Authors of the commits on ``branch`` and not in ``sha`` that the program did not make."""
    _, data = gh.call(
        "GET", f"/repos/{gh.repo}/compare/{sha}...{urllib.parse.quote(branch, safe='')}"
    )
    who: list[str] = []
    for commit in (data or {}).get("commits") or []:
        author = commit.get("author") or {}  # the GitHub account; None for an unknown e-mail
        written = (commit.get("commit") or {}).get("author") or {}
        login = str(author.get("login") or written.get("name") or "?")
        if not (author.get("type") in BOT_TYPES and login == PROGRAM_LOGIN) and login not in who:
            who.append(login)
    return who


def reset_branch(gh: GitHub, branch: str, sha: str) -> None:
    """Point ``branch`` at ``sha``, creating it when needed; :class:`ForeignCommits` when it
    exists with commits someone else made (they are never thrown away)."""
    status, _ = gh.call(
        "POST", f"/repos/{gh.repo}/git/refs", {"ref": f"refs/heads/{branch}", "sha": sha}, ok=(422,)
    )
    if status == 422:  # it exists: start it again from the base, unless someone worked on it
        who = foreign_authors(gh, branch, sha)
        if who:
            raise ForeignCommits(branch, who)
        gh.call("PATCH", f"/repos/{gh.repo}/git/refs/heads/{branch}", {"sha": sha, "force": True})


def open_pull_request(gh: GitHub, branch: str, base: str, title: str, body: str) -> tuple[int, str]:
    """The open pull request from ``branch`` (updated), or a new one: (number, address)."""
    owner = gh.repo.split("/")[0]
    _, found = gh.call("GET", f"/repos/{gh.repo}/pulls?state=open&head={owner}:{branch}")
    if found:
        number = int(found[0]["number"])
        gh.call("PATCH", f"/repos/{gh.repo}/pulls/{number}", {"title": title, "body": body})
        return number, str(found[0]["html_url"])
    _, made = gh.call(
        "POST",
        f"/repos/{gh.repo}/pulls",
        {"title": title, "body": body, "head": branch, "base": base},
    )
    return int(made["number"]), str(made["html_url"])


def run_check(gh: GitHub, ref: str) -> None:
    """Start the pull request check on ``ref``: commits made with the workflow's own token
    start no workflow by themselves, and the check is required before merging."""
    gh.call("POST", f"/repos/{gh.repo}/actions/workflows/{CHECK_WORKFLOW}/dispatches", {"ref": ref})


# --- the prepared results of the read-only jobs ----------------------------------------------


def read_files(folder: Path, paths: list[str]) -> dict[str, bytes]:
    """The prepared files ``folder/pliki/<path>``, each path checked."""
    files: dict[str, bytes] = {}
    for path in paths:
        if not WRITABLE.match(path):
            raise ValueError(f"refusing to commit {path!r}: not a voivodeship table")
        source = folder / "pliki" / path
        if source.is_symlink() or not source.is_file():
            raise ValueError(f"{path!r} is missing from the prepared files")
        files[path] = source.read_bytes()
    return files


def publish_approval(gh: GitHub, folder: Path, issue: int) -> str:
    """Carry out what :mod:`generator.officers.approval` prepared; the comment posted."""
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    if int(plan["issue"]) != issue:
        raise ValueError("the prepared change belongs to another issue")
    reply = (folder / "odpowiedz.md").read_text(encoding="utf-8")
    if plan.get("approved"):
        branch = f"zgloszenie-{issue}"
        files = read_files(folder, plan["files"])
        try:
            reset_branch(gh, branch, plan["base_sha"])
        except ForeignCommits as err:
            reply = plan["marker"] + "\n" + FOREIGN_COMMITS.format(
                branch=branch, who=", ".join(f"@{w}" for w in err.who)
            )
            upsert_comment(gh, issue, reply, plan["marker"])
            return reply
        commit_files(gh, branch, plan["base_sha"], files, plan["title"], f"Closes #{issue}")
        body = (folder / "opis.md").read_text(encoding="utf-8")
        number, url = open_pull_request(gh, branch, plan["base"], plan["title"], body)
        run_check(gh, branch)
        reply = reply.replace("{pull_request}", f"#{number}").replace("{url}", url)
    upsert_comment(gh, issue, reply, plan["marker"])
    return reply


def publish_repair(
    gh: GitHub, folder: Path, pull: int, head_repo: str, head_ref: str, head_sha: str
) -> str:
    """Commit the canonical files to a same-repository pull request, or explain for a fork."""
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    files = read_files(folder, plan["files"])
    same = head_repo == gh.repo
    reply = (folder / ("komentarz.md" if same else "komentarz-fork.md")).read_text(encoding="utf-8")
    if same and files:
        if head_ref == plan.get("base"):
            raise ValueError("refusing to commit to the base branch")
        commit_files(gh, head_ref, head_sha, files, plan["title"])
        run_check(gh, head_ref)
    upsert_comment(gh, pull, reply, plan["marker"])
    return reply


# --- issues kept up to date by the program (kis linki) ----------------------------------------

ISSUE_MARKER = re.compile(r"^<!-- kis-linki:[a-z]+(?:-[a-z]+)* -->$")
MAX_ISSUE_BODY = 60_000


def open_marked_issues(gh: GitHub) -> dict[str, dict[str, Any]]:
    """The program's open issues (not pull requests) by the hidden marker on their first line."""
    found: dict[str, dict[str, Any]] = {}
    creator = urllib.parse.quote(PROGRAM_LOGIN, safe="")
    page = 1
    while True:
        _, issues = gh.call(
            "GET",
            f"/repos/{gh.repo}/issues?state=open&creator={creator}&per_page=100&page={page}",
        )
        for item in issues or []:
            first = str(item.get("body") or "").split("\n", 1)[0]
            if "pull_request" not in item and ISSUE_MARKER.match(first):
                found.setdefault(first, dict(item))
        if not issues or len(issues) < 100:
            return found
        page += 1


def sync_marked_issues(gh: GitHub, folder: Path, name: str) -> dict[str, str]:
    """Create, update or close one issue per item of ``folder/name`` (written by
    :func:`generator.officers.link_report.write_issues`); what was done, by marker."""
    data = json.loads((folder / name).read_text(encoding="utf-8"))
    existing = open_marked_issues(gh)
    done: dict[str, str] = {}
    for item in data["zgloszenia"]:
        marker, title, body = str(item["znacznik"]), str(item["tytul"]), str(item["tresc"])
        if not ISSUE_MARKER.match(marker) or not body.startswith(marker + "\n"):
            raise ValueError(f"refusing an issue without its marker: {marker!r}")
        if len(body) > MAX_ISSUE_BODY or len(title) > 200:
            raise ValueError(f"the issue {marker} is too long")
        issue = existing.get(marker)
        if item["otwarte"] and issue is None:
            gh.call("POST", f"/repos/{gh.repo}/issues", {"title": title, "body": body})
            done[marker] = "created"
        elif item["otwarte"] and issue is not None:
            if issue.get("body") != body or issue.get("title") != title:
                gh.call("PATCH", f"/repos/{gh.repo}/issues/{issue['number']}",
                        {"title": title, "body": body})
            done[marker] = "updated"
        elif issue is not None:
            number = issue["number"]
            gh.call("PATCH", f"/repos/{gh.repo}/issues/{number}", {"body": body})
            gh.call("POST", f"/repos/{gh.repo}/issues/{number}/comments",
                    {"body": str(item["komentarz_zamkniecia"])})
            gh.call("PATCH", f"/repos/{gh.repo}/issues/{number}",
                    {"state": "closed", "state_reason": "completed"})
            done[marker] = "closed"
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.officers.github")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("komentarz", help="dodaj albo zaktualizuj komentarz programu")
    p.add_argument("--plik", type=Path, required=True)
    p.add_argument("--znacznik", required=True)
    p = sub.add_parser("awaria", help="komentarz: sprawdzenie zgłoszenia się nie udało")
    p.add_argument("--znacznik", required=True)
    p = sub.add_parser("usun-etykiete", help="zdejmij etykietę ze zgłoszenia")
    p.add_argument("--etykieta", required=True)
    p = sub.add_parser("opublikuj", help="zatwierdzone zgłoszenie → gałąź i pull request")
    p.add_argument("--wynik", type=Path, required=True)
    p = sub.add_parser("napraw", help="poprawione pliki → gałąź pull requestu")
    p.add_argument("--wynik", type=Path, required=True)
    p = sub.add_parser("komentarz-pr", help="wynik sprawdzenia zmian → komentarz w pull requeście")
    p.add_argument("--wynik", type=Path, required=True)
    p = sub.add_parser("linki", help="wynik kis linki → zgłoszenia województw")
    p.add_argument("--wynik", type=Path, required=True)
    args = parser.parse_args(argv)
    env = os.environ
    gh = GitHub(env["GITHUB_REPOSITORY"], env["GH_TOKEN"])
    if args.command == "komentarz":
        upsert_comment(gh, int(env["NUMER"]), args.plik.read_text(encoding="utf-8"), args.znacznik)
    elif args.command == "awaria":
        upsert_comment(gh, int(env["NUMER"]), f"{args.znacznik}\n{CHECK_FAILED}", args.znacznik)
    elif args.command == "usun-etykiete":
        remove_label(gh, int(env["NUMER"]), args.etykieta)
    elif args.command == "opublikuj":
        publish_approval(gh, args.wynik, int(env["NUMER"]))
    elif args.command == "komentarz-pr":
        from generator.officers import pr_comment

        pr_comment.publish(gh, args.wynik, env["HEAD_SHA"], env["HEAD_REPO"], upsert_comment)
    elif args.command == "linki":
        sync_marked_issues(gh, args.wynik, LINK_ISSUES_FILE)
    else:
        publish_repair(
            gh, args.wynik, int(env["NUMER"]), env["HEAD_REPO"], env["HEAD_REF"], env["HEAD_SHA"]
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
