"""The logic behind the issue and pull-request workflows: reply, approval, format repair, API."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.officers import approval, codeowners, format_repair, github, issue_reply
from generator.officers import submission as zgloszenie
from generator.register.load import load_register
from tests.registers import SmallClub, commit_all, init_repo, make_register, process
from tests.test_zgloszenie import SAMPLE, body, new_club

PROJECT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 1, 31)
OWNERS = (PROJECT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")


# The register of these tests: one certified club in pomorskie.
KOLBUDY = SmallClub("kolbudy", "Klub Integracji Społecznej w Kolbudach", "22", "Kolbudy",
                    process(date(2024, 1, 10), "certyfikat_wydany", "KIS-22-2024-001"),
                    ["poradnictwo_prawne"])


def project_repo(repo: Path) -> tuple[Path, str]:
    """A repository holding the register of these tests and the project's CODEOWNERS, committed:
    the register's folder and the commit."""
    init_repo(repo)
    register = make_register(repo / "register", [KOLBUDY], stories={})
    (repo / ".github").mkdir()
    (repo / ".github" / "CODEOWNERS").write_text(OWNERS, encoding="utf-8")
    return register, commit_all(repo, "rejestr")


@pytest.fixture
def register(tmp_path: Path) -> Path:
    return make_register(tmp_path / "register", [KOLBUDY], stories={})


# --- CODEOWNERS ------------------------------------------------------------------------------


def test_each_voivodeship_has_its_team_and_the_rest_the_ministrys() -> None:
    assert codeowners.team_for(OWNERS, "pomorskie") == "rejestr-kis/kis-pomorskie"
    assert codeowners.team_for(OWNERS, "warminsko-mazurskie") == (
        "rejestr-kis/kis-warminsko-mazurskie"
    )
    assert codeowners.owners(OWNERS, "generator/cli.py") == ["@rejestr-kis/ministerstwo"]
    assert codeowners.owners(OWNERS, "register/slowniki/wojewodztwa.csv") == [
        "@rejestr-kis/ministerstwo"
    ]
    assert codeowners.team_for("* @org/all\n", "pomorskie") == "org/all"
    assert codeowners.team_for("# nic\n", "pomorskie") == ""


# --- the reply under the issue ---------------------------------------------------------------


def reply(register: Path, text: str) -> str:
    outcome = zgloszenie.submit(register, text, AS_OF, write=False)
    return issue_reply.markdown(outcome, load_register(register), AS_OF, OWNERS)


def test_reply_to_a_correct_issue_says_what_changes_and_who_approves(register: Path) -> None:
    events = "2024-03-05 wniosek złożony\n2024-03-15; dopuszczenie wniosku do procedury"
    text = reply(register, new_club(events, Usługi="doradztwo zawodowe"))
    assert text.startswith(issue_reply.MARKER + "\n<!-- kis-sprawdzona-tresc: ")
    assert "-->\n### ✅ Zgłoszenie jest poprawne\n" in text
    assert "rejestr będzie poprawny (stan na 31 stycznia 2026)" in text
    assert "Zmiana w rejestrze (województwo pomorskie):" in text
    assert (
        "- nowy klub „Klub Integracji Społecznej «Morze»” (Sopot), identyfikator sopot-centrum"
        in (text)
    )
    assert "- zdarzenie z 5 marca 2024: złożenie wniosku o certyfikat\n" in text
    assert "- zdarzenie z 15 marca 2024: dopuszczenie wniosku do procedury\n" in text
    assert "- usługa: doradztwo zawodowe\n" in text
    assert "zespołu rejestr-kis/kis-pomorskie (województwo pomorskie)" in text
    assert f"etykietę „{issue_reply.APPROVE_LABEL}”" in text
    assert "wniosek_zlozony" not in text and ".csv" not in text


def test_reply_to_a_wrong_issue_lists_problems_by_field_and_how_to_edit(register: Path) -> None:
    text = reply(
        register,
        body("Nowe zdarzenie w procesie certyfikacji", Zdarzenia="2025-01-01\n2025-02-30 audyt"),
    )
    assert "-->\n### ❌ Zgłoszenie wymaga poprawek\n" in text
    assert "- **Pole „Zdarzenia”, wiersz 1:** po dacie brak rodzaju zdarzenia.  \n" in text
    assert "- **Pole „Zdarzenia”, wiersz 2:** „2025-02-30” nie jest poprawną datą.  \n" in text
    assert "  Jak poprawić: sprawdź dzień i miesiąc" in text
    assert "wybierz „Edit”" in text and "zaktualizuje ten komentarz" in text


def test_reply_escapes_what_the_issue_said(register: Path) -> None:
    text = reply(register, body("Nowa usługa klubu", Usługi="@wszyscy <b>[link](x)</b>"))
    assert "@wszyscy" not in text.replace("\\@wszyscy", "")
    assert "<b>" not in text and "[link](x)" not in text
    assert "\\@wszyscy \\<b\\>\\[link\\](x)\\</b\\>" in text


def test_cli_writes_the_reply_and_exits_0_even_for_a_wrong_issue(
    register: Path, tmp_path: Path
) -> None:
    issue = tmp_path / "zgloszenie.md"
    issue.write_text("Proszę dopisać klub.\n", encoding="utf-8")
    answer = tmp_path / "odpowiedz.md"
    args = ["zgloszenie", str(issue), "--register", str(register), "--as-of", "2026-01-31"]
    assert main([*args, "--check"]) == 1
    assert main([*args, "--check", "--odpowiedz", str(answer)]) == 0
    assert answer.read_text(encoding="utf-8").startswith(issue_reply.MARKER)
    assert "brak pola „Rodzaj zmiany”" in answer.read_text(encoding="utf-8")


# --- a fake GitHub ---------------------------------------------------------------------------


class FakeGitHub:
    """Records calls; answers from a table of (method, path prefix) -> (status, data)."""

    def __init__(self, answers: dict[tuple[str, str], tuple[int, Any]] | None = None) -> None:
        self.answers = answers or {}
        self.calls: list[tuple[str, str, Any]] = []

    def __call__(self, method: str, url: str, body: Any, token: str) -> tuple[int, Any]:
        assert url.startswith("https://api.github.com/") and token == "t"
        path = url.removeprefix("https://api.github.com")
        self.calls.append((method, path, body))
        for (m, prefix), answer in self.answers.items():
            if m == method and path.startswith(prefix):
                return answer
        return 200, {}


def gh(fake: FakeGitHub) -> github.GitHub:
    return github.GitHub("rejestr-kis/rejestr", "t", fake)


def test_comment_is_updated_not_repeated() -> None:
    mine = {"id": 7, "user": {"type": "Bot"}, "body": issue_reply.MARKER + "\nstare"}
    forged = {"id": 3, "user": {"type": "User"}, "body": issue_reply.MARKER + "\npodrobione"}
    fake = FakeGitHub(
        {("GET", "/repos/rejestr-kis/rejestr/issues/5/comments"): (200, [forged, mine])}
    )
    assert (
        github.upsert_comment(gh(fake), 5, issue_reply.MARKER + "\nnowe", issue_reply.MARKER) == 7
    )
    assert fake.calls[-1] == (
        "PATCH",
        "/repos/rejestr-kis/rejestr/issues/comments/7",
        {"body": issue_reply.MARKER + "\nnowe"},
    )
    fresh = FakeGitHub({("GET", "/repos/"): (200, [forged]), ("POST", "/repos/"): (201, {"id": 9})})
    assert github.upsert_comment(gh(fresh), 5, issue_reply.MARKER + "\nx", issue_reply.MARKER) == 9
    assert fresh.calls[-1][0] == "POST"
    with pytest.raises(ValueError):
        github.upsert_comment(gh(fresh), 5, "bez znacznika", issue_reply.MARKER)


def test_team_membership_states() -> None:
    path = "/orgs/rejestr-kis/teams/kis-pomorskie/memberships/"
    fake = FakeGitHub(
        {
            ("GET", path + "anna"): (200, {"state": "active"}),
            ("GET", path + "piotr"): (200, {"state": "pending"}),
            ("GET", path + "obcy"): (404, {"message": "Not Found"}),
            ("GET", path + "x"): (403, {"message": "Resource not accessible by integration"}),
        }
    )
    team = "rejestr-kis/kis-pomorskie"
    assert github.team_member(gh(fake), team, "anna") is True
    assert github.team_member(gh(fake), team, "piotr") is False
    assert github.team_member(gh(fake), team, "obcy") is False
    assert github.team_member(gh(fake), team, "x") is None


def test_only_voivodeship_tables_are_ever_committed() -> None:
    fake = FakeGitHub()
    for path in (
        ".github/workflows/x.yml",
        "register/wojewodztwa/pomorskie/../../x.csv",
        "register/slowniki/statusy.csv",
        "generator/cli.py",
    ):
        with pytest.raises(ValueError):
            github.commit_files(gh(fake), "b", "0" * 40, {path: b"x"}, "t")
    assert fake.calls == []


# --- approval --------------------------------------------------------------------------------


def labeled(text: str, actor: str = "anna", label: str = approval.APPROVE_LABEL) -> approval.Event:
    return approval.Event.from_payload(
        {
            "action": "labeled",
            "issue": {
                "number": 12,
                "body": text,
                "labels": [{"name": approval.FORM_LABEL}, {"name": label}],
            },
            "label": {"name": label},
            "sender": {"login": actor},
        }
    )


def test_what_counts_as_an_approval() -> None:
    assert approval.is_approval(labeled(SAMPLE))
    assert not approval.is_approval(labeled(SAMPLE, label="pilne"))
    plain = approval.Event(12, SAMPLE, (approval.APPROVE_LABEL,), "anna", label="zatwierdzone")
    assert not approval.is_approval(plain), "not a form issue"
    pull = approval.Event(12, SAMPLE, (approval.FORM_LABEL,), "anna", True, "zatwierdzone")
    assert not approval.is_approval(pull)


def test_only_a_member_of_the_voivodeships_team_may_approve(register: Path) -> None:
    names = load_register(register)
    asked: list[tuple[str, str]] = []

    def member(team: str, login: str) -> bool | None:
        asked.append((team, login))
        return {"anna": True, "jan": False}.get(login)

    ok = approval.decide(labeled(SAMPLE), OWNERS, names, member)
    assert ok.approved and ok.team == "rejestr-kis/kis-pomorskie"
    assert asked == [("rejestr-kis/kis-pomorskie", "anna")]
    no = approval.decide(labeled(SAMPLE, "jan"), OWNERS, names, member)
    assert not no.approved and "tylko członek zespołu rejestr-kis/kis-pomorskie" in no.reason
    unknown = approval.decide(labeled(SAMPLE, "bez-tokenu"), OWNERS, names, member)
    assert not unknown.approved and "KIS_ZESPOLY_TOKEN" in unknown.reason
    nowhere = approval.decide(labeled(SAMPLE.replace("pomorskie", "")), OWNERS, names, member)
    assert not nowhere.approved and "„Województwo”" in nowhere.reason


def test_approved_issue_becomes_a_prepared_pull_request(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    register, base_sha = project_repo(repo)
    out = tmp_path / "wynik"
    decision = approval.prepare(
        labeled(SAMPLE),
        register,
        repo,
        out,
        AS_OF,
        lambda team, login: True,
        base="main",
        base_sha=base_sha,
        checked=issue_reply.body_digest(SAMPLE),
    )
    assert decision.approved
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert plan["approved"] and plan["issue"] == 12 and plan["base_sha"] == base_sha
    assert plan["files"] == ["register/wojewodztwa/pomorskie/zdarzenia.csv"]
    prepared = (out / "pliki" / plan["files"][0]).read_text(encoding="utf-8")
    assert prepared.endswith(
        'kolbudy,2025-12-01,zgloszenie_przedluzenia,,"zmiana adresu, ""nowy"" lokal"\n'
    )
    description = (out / "opis.md").read_text(encoding="utf-8")
    assert description.startswith("Closes #12\n\nScalenie zamknie zgłoszenie #12.")
    assert "@anna" in description and "kolbudy" in description
    assert plan["title"].startswith("pomorskie: nowe zdarzenie w procesie certyfikacji – kolbudy")

    # the write job: branch from the base, one commit of exactly those files, the PR, the check
    fake = FakeGitHub(
        {
            ("POST", "/repos/rejestr-kis/rejestr/git/refs"): (201, {}),
            ("GET", "/repos/rejestr-kis/rejestr/pulls"): (200, []),
            ("POST", "/repos/rejestr-kis/rejestr/pulls"): (201, {"number": 13, "html_url": "u"}),
            ("POST", "/graphql"): (
                200,
                {"data": {"createCommitOnBranch": {"commit": {"oid": "c"}}}},
            ),
            ("GET", "/repos/rejestr-kis/rejestr/issues/12/comments"): (200, []),
            ("POST", "/repos/rejestr-kis/rejestr/issues/12/comments"): (201, {"id": 1}),
        }
    )
    posted = github.publish_approval(gh(fake), out, 12)
    assert "pull request #13 (u)" in posted and posted.startswith(approval.MARKER)
    methods = [(m, p) for m, p, _ in fake.calls]
    assert methods[0] == ("POST", "/repos/rejestr-kis/rejestr/git/refs")
    assert fake.calls[0][2] == {"ref": "refs/heads/zgloszenie-12", "sha": base_sha}
    commit = next(b for m, p, b in fake.calls if p == "/graphql")["variables"]["input"]
    assert commit["expectedHeadOid"] == base_sha
    (addition,) = commit["fileChanges"]["additions"]
    assert addition["path"] == plan["files"][0]
    assert base64.b64decode(addition["contents"]).decode("utf-8") == prepared
    pr = next(b for m, p, b in fake.calls if (m, p) == ("POST", "/repos/rejestr-kis/rejestr/pulls"))
    assert pr["head"] == "zgloszenie-12" and pr["base"] == "main"
    assert pr["body"].startswith("Closes #12\n")
    assert (
        "POST",
        "/repos/rejestr-kis/rejestr/actions/workflows/sprawdzenie-zmian.yml/dispatches",
    ) in methods
    with pytest.raises(ValueError):
        github.publish_approval(gh(fake), out, 99)  # prepared for another issue


def test_refused_approval_writes_nothing_but_the_reason(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    register, _ = project_repo(repo)
    out = tmp_path / "wynik"
    before = (register / "wojewodztwa" / "pomorskie" / "zdarzenia.csv").read_bytes()
    decision = approval.prepare(
        labeled(SAMPLE, "jan"),
        register,
        repo,
        out,
        AS_OF,
        lambda team, login: False,
        checked=issue_reply.body_digest(SAMPLE),
    )
    assert not decision.approved
    assert json.loads((out / "plan.json").read_text(encoding="utf-8"))["files"] == []
    assert "@jan: zatwierdzić może tylko członek zespołu" in (out / "odpowiedz.md").read_text(
        encoding="utf-8"
    )
    assert (register / "wojewodztwa" / "pomorskie" / "zdarzenia.csv").read_bytes() == before
    fake = FakeGitHub({("GET", "/repos/"): (200, []), ("POST", "/repos/"): (201, {"id": 1})})
    github.publish_approval(gh(fake), out, 12)
    assert [m for m, _, _ in fake.calls] == ["GET", "POST"]  # only the comment


# --- format repair ---------------------------------------------------------------------------


def pull_request_copy(base: Path, tmp_path: Path) -> Path:
    pr = tmp_path / "pr" / "register" / "wojewodztwa"
    pr.mkdir(parents=True)
    for folder in (base / "wojewodztwa").iterdir():
        target = pr / folder.name
        target.mkdir()
        for f in folder.iterdir():
            (target / f.name).write_bytes(f.read_bytes())
    return pr.parent


def test_spreadsheet_save_in_a_pull_request_is_prepared_in_canonical_form(
    register: Path, tmp_path: Path
) -> None:
    pr = pull_request_copy(register, tmp_path)
    events = pr / "wojewodztwa" / "pomorskie" / "zdarzenia.csv"
    canonical_text = events.read_bytes() + b"kolbudy,2025-12-01,zgloszenie_przedluzenia,,\n"
    lines = canonical_text.decode("utf-8").splitlines()
    saved = "\r\n".join(line.replace(",", ";") for line in lines) + "\r\n"
    events.write_bytes(saved.encode("cp1250"))
    untouched_but_different = pr / "wojewodztwa" / "slaskie" / "uslugi.csv"
    untouched_but_different.write_bytes(untouched_but_different.read_bytes())  # same bytes
    out = tmp_path / "wynik"
    files = format_repair.prepare(register, pr, out)
    assert files == ["register/wojewodztwa/pomorskie/zdarzenia.csv"]
    assert (out / "pliki" / files[0]).read_bytes() == canonical_text
    comment = (out / "komentarz.md").read_text(encoding="utf-8")
    assert comment.startswith(format_repair.MARKER)
    assert "`register/wojewodztwa/pomorskie/zdarzenia.csv`: średniki → przecinki" in comment
    assert "Nic nie musisz robić" in comment
    fork = (out / "komentarz-fork.md").read_text(encoding="utf-8")
    assert "kolbudy,2025-12-01,zgloszenie_przedluzenia,," in fork

    # same repository: one commit on the PR's branch, expecting its head, then the check again
    fake = FakeGitHub(
        {
            ("POST", "/graphql"): (
                200,
                {"data": {"createCommitOnBranch": {"commit": {"oid": "c"}}}},
            ),
            ("GET", "/repos/"): (200, []),
            ("POST", "/repos/rejestr-kis/rejestr/issues/"): (201, {"id": 1}),
        }
    )
    github.publish_repair(gh(fake), out, 4, "rejestr-kis/rejestr", "urzednik-patch-1", "a" * 40)
    commit = next(b for m, p, b in fake.calls if p == "/graphql")["variables"]["input"]
    assert commit["branch"]["branchName"] == "urzednik-patch-1"
    assert commit["expectedHeadOid"] == "a" * 40
    assert (
        "POST",
        "/repos/rejestr-kis/rejestr/actions/workflows/sprawdzenie-zmian.yml/dispatches",
        {"ref": "urzednik-patch-1"},
    ) in fake.calls
    # a fork: nothing is committed, the comment carries the files
    fork_fake = FakeGitHub({("GET", "/repos/"): (200, []), ("POST", "/repos/"): (201, {"id": 2})})
    posted = github.publish_repair(gh(fork_fake), out, 4, "ktos/rejestr", "main", "b" * 40)
    assert posted == fork
    assert not any(p == "/graphql" for _, p, _ in fork_fake.calls)


def test_canonical_pull_request_needs_nothing(register: Path, tmp_path: Path) -> None:
    pr = pull_request_copy(register, tmp_path)
    with (pr / "wojewodztwa" / "pomorskie" / "uslugi.csv").open("a", encoding="utf-8") as f:
        f.write("kolbudy,grupa_wsparcia,\n")
    assert format_repair.prepare(register, pr, tmp_path / "wynik") == []


def test_links_in_the_pull_request_are_never_followed(register: Path, tmp_path: Path) -> None:
    secret = tmp_path / "sekret.txt"
    secret.write_text("token\n", encoding="utf-8")
    pr = pull_request_copy(register, tmp_path)
    target = pr / "wojewodztwa" / "pomorskie" / "kluby.csv"
    target.unlink()
    target.symlink_to(secret)
    folder = pr / "wojewodztwa" / "slaskie"
    for f in folder.iterdir():
        f.unlink()
    folder.rmdir()
    folder.symlink_to(tmp_path)
    assert format_repair.changed_tables(register, pr) == []
    assert format_repair.prepare(register, pr, tmp_path / "wynik") == []


def test_approval_of_a_wrong_issue_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    register, _ = project_repo(repo)
    wrong = body("Nowe zdarzenie w procesie certyfikacji", Zdarzenia="2025-01-01; kontrola")
    out = tmp_path / "wynik"
    decision = approval.prepare(
        labeled(wrong),
        register,
        repo,
        out,
        AS_OF,
        lambda team, login: True,
        checked=issue_reply.body_digest(wrong),
    )
    assert not decision.approved and "zgłoszenie ma błędy" in decision.reason
    assert "usuń etykietę „zatwierdzone” i dodaj ją ponownie" in (out / "odpowiedz.md").read_text(
        encoding="utf-8"
    )
    assert not (out / "pliki").exists()
    assert "kontrola" not in (register / "wojewodztwa" / "pomorskie" / "zdarzenia.csv").read_text(
        encoding="utf-8"
    )


def test_the_write_jobs_module_needs_only_the_standard_library() -> None:
    """The jobs holding a write token install nothing: python3 -m generator.officers.github,
    and every module of ours it imports (followed to the end), use the standard library only."""
    import ast
    import sys

    root = Path(github.__file__).resolve().parents[2]
    todo = [Path(github.__file__), root / "generator" / "__init__.py",
            root / "generator" / "officers" / "__init__.py"]
    seen: set[Path] = set()
    imported: set[str] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for alias in node.names:
                    name = node.module if isinstance(node, ast.ImportFrom) else alias.name
                    assert name, "no relative imports"
                    if name.split(".")[0] != "generator":
                        imported.add(name.split(".")[0])
                        continue
                    for full in (name, f"{name}.{alias.name}"):
                        module = root / (full.replace(".", "/") + ".py")
                        package = root / full.replace(".", "/") / "__init__.py"
                        todo += [f for f in (module, package) if f.is_file()]
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported
    assert root / "generator" / "officers" / "pr_comment.py" in seen  # the walk follows ours


# --- round 2: only the checked body is approved; the token never meets the body --------------


def test_approval_of_a_body_edited_after_the_check_is_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    register, _ = project_repo(repo)
    before = (register / "wojewodztwa" / "pomorskie" / "zdarzenia.csv").read_bytes()
    outcome = zgloszenie.submit(register, SAMPLE, AS_OF, write=False)
    comment = issue_reply.markdown(outcome, load_register(register), AS_OF, OWNERS, SAMPLE)
    assert issue_reply.checked_digest(comment) == issue_reply.body_digest(SAMPLE + "\n")
    assert issue_reply.checked_digest(comment) == issue_reply.body_digest(
        SAMPLE.replace("\n", "\r\n")
    )
    edited = SAMPLE.replace("2025-12-01", "2025-12-02")
    for text, checked in ((edited, issue_reply.checked_digest(comment)), (SAMPLE, "")):
        out = tmp_path / f"wynik-{len(checked)}"
        decision = approval.prepare(
            labeled(text), register, repo, out, AS_OF, lambda team, login: True, checked=checked
        )
        assert not decision.approved and "zmieniła się od ostatniego sprawdzenia" in decision.reason
        assert "zmieniła się" in (out / "odpowiedz.md").read_text(encoding="utf-8")
        assert not (out / "pliki").exists()
    assert (register / "wojewodztwa" / "pomorskie" / "zdarzenia.csv").read_bytes() == before


def test_rights_come_from_codeowners_and_the_bots_comment_not_the_body() -> None:
    asked: list[str] = []

    def member(team: str, login: str) -> bool | None:
        asked.append(team)
        return team.endswith("kis-pomorskie")

    comment = issue_reply.MARKER + "\n<!-- kis-sprawdzona-tresc: " + "a" * 64 + " -->\nx"
    found = approval.rights(OWNERS, "anna", member, comment)
    assert set(asked) == set(codeowners.teams(OWNERS)) and len(asked) >= 16
    assert found.member("rejestr-kis/kis-pomorskie", "anna") is True
    assert found.member("rejestr-kis/kis-slaskie", "anna") is False
    assert found.member("rejestr-kis/kis-pomorskie", "jan") is None  # asked about anna only
    assert found.checked == "a" * 64
    assert approval.Rights.from_json(found.to_json()) == found
    assert approval.rights(OWNERS, "anna", member, "forged\n" + comment).checked == ""


def test_decision_uses_the_voivodeship_read_request_reads(register: Path) -> None:
    raw = load_register(register)
    shouted = labeled(SAMPLE.replace("\npomorskie\n", "\n  POMORSKIE \n"))
    decision = approval.decide(shouted, OWNERS, raw, lambda team, login: True)
    request, _ = zgloszenie.read_request(zgloszenie.read_answers(shouted.body), raw)
    assert request is not None and decision.voivodeship == request.voivodeship == "pomorskie"
    wrong = body("Nowe zdarzenie w procesie certyfikacji", Zdarzenia="2025-01-01; kontrola")
    refused = approval.decide(labeled(wrong), OWNERS, raw, lambda team, login: True)
    assert not refused.approved and "zgłoszenie ma błędy" in refused.reason


def test_a_branch_with_someone_elses_commits_is_never_reset(tmp_path: Path) -> None:
    out = tmp_path / "wynik"
    (out / "pliki" / "register/wojewodztwa/pomorskie").mkdir(parents=True)
    (out / "pliki" / "register/wojewodztwa/pomorskie/zdarzenia.csv").write_text("x\n", "utf-8")
    plan = {
        "issue": 12,
        "marker": approval.MARKER,
        "approved": True,
        "base": "main",
        "base_sha": "b" * 40,
        "files": ["register/wojewodztwa/pomorskie/zdarzenia.csv"],
        "title": "t",
    }
    (out / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    (out / "odpowiedz.md").write_text(approval.MARKER + "\nok {pull_request}", encoding="utf-8")
    (out / "opis.md").write_text("Closes #12\n", encoding="utf-8")
    program = {"author": {"login": "github-actions[bot]", "type": "Bot"}}
    person = {"author": {"login": "urzednik", "type": "User"}}
    answers = {
        ("POST", "/repos/rejestr-kis/rejestr/git/refs"): (422, {"message": "exists"}),
        ("GET", "/repos/rejestr-kis/rejestr/compare/"): (200, {"commits": [program, person]}),
        ("GET", "/repos/rejestr-kis/rejestr/issues/12/comments"): (200, []),
        ("POST", "/repos/rejestr-kis/rejestr/issues/12/comments"): (201, {"id": 1}),
    }
    fake = FakeGitHub(answers)
    posted = github.publish_approval(gh(fake), out, 12)
    assert posted.startswith(approval.MARKER) and "@urzednik" in posted
    assert "nie nadpisze" in posted
    assert not any(m == "PATCH" or p == "/graphql" for m, p, _ in fake.calls)
    # only the program's own commits: the branch starts again from the base
    answers[("GET", "/repos/rejestr-kis/rejestr/compare/")] = (200, {"commits": [program]})
    commit = {"createCommitOnBranch": {"commit": {"oid": "c"}}}
    answers[("POST", "/graphql")] = (200, {"data": commit})
    answers[("GET", "/repos/rejestr-kis/rejestr/pulls")] = (200, [{"number": 3, "html_url": "u"}])
    again = FakeGitHub(answers)
    github.publish_approval(gh(again), out, 12)
    assert (
        "PATCH",
        "/repos/rejestr-kis/rejestr/git/refs/heads/zgloszenie-12",
        {"sha": "b" * 40, "force": True},
    ) in again.calls


def test_failed_check_and_edited_issue_calls() -> None:
    fake = FakeGitHub({("GET", "/repos/"): (200, []), ("POST", "/repos/"): (201, {"id": 4})})
    env = {"GITHUB_REPOSITORY": "rejestr-kis/rejestr", "GH_TOKEN": "t", "NUMER": "5"}
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        real = github.GitHub
        mp.setattr(github, "GitHub", lambda repo, token: real(repo, token, fake))
        github.main(["awaria", "--znacznik", issue_reply.MARKER])
        github.main(["usun-etykiete", "--etykieta", "zatwierdzone"])
    posted = next(b for m, _, b in fake.calls if m == "POST")["body"]
    assert posted.startswith(issue_reply.MARKER + "\n")
    assert "Nie udało się sprawdzić zgłoszenia" in posted
    assert "zespół rejestru został powiadomiony" in posted.lower()
    assert issue_reply.checked_digest(posted) == ""  # nothing was checked: approval refuses
    assert ("DELETE", "/repos/rejestr-kis/rejestr/issues/5/labels/zatwierdzone", None) in (
        fake.calls
    )


def test_fork_comment_fence_is_longer_than_any_backtick_run() -> None:
    text = "a,b\n1,`````x`````\n"
    fence = format_repair.fence(text)
    assert fence == "``````" and fence not in text
    assert format_repair.fence("a,b\n") == "```"
