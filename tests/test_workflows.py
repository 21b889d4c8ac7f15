"""GitHub Actions workflows: secure by default, linted offline, doing what the officers rely on."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.officers import approval, format_repair, github, issue_reply

PROJECT = Path(__file__).resolve().parent.parent
GITHUB = PROJECT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.MULTILINE)
PINNED = re.compile(r"^([\w.-]+/[\w./-]+)@([0-9a-f]{40})$")
VERSION_COMMENT = re.compile(r"^\s+# v\d+\.\d+\.\d+$")
# Action -> commit -> release. Each pair was checked against several independent public
# workflows that pin the same release (see the lead's report); update with Dependabot.
VERIFIED = {
    "actions/checkout": {"08c6903cd8c0fde910a37f88322edcfb5dd907a8": "v5.0.0"},
    "actions/setup-python": {"a26af69be951a213d495a4c3e4e4022e16d87065": "v5.6.0"},
    "actions/cache": {"5a3ec84eff668545956fd18022155c47e93e2684": "v4.2.3"},
    "actions/cache/restore": {"5a3ec84eff668545956fd18022155c47e93e2684": "v4.2.3"},
    "actions/cache/save": {"5a3ec84eff668545956fd18022155c47e93e2684": "v4.2.3"},
    "actions/upload-artifact": {"ea165f8d65b6e75b540449e92b4886f43607fa02": "v4.6.2"},
    "actions/download-artifact": {"d3f86a106a0bac45b974a628896c90dbdf5c8093": "v4.3.0"},
    "actions/upload-pages-artifact": {"56afc609e74202658d3ffba0e8f6dda462b719fa": "v3.0.1"},
    "actions/deploy-pages": {"d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e": "v4.0.5"},
}


def load(path: Path) -> dict[Any, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))  # PyYAML reads the bare key `on` as True
    return on if isinstance(on, dict) else {name: None for name in ([on] if on else [])}


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def by_name(name: str) -> dict[Any, Any]:
    return load(GITHUB / "workflows" / name)


# The only jobs that may hold more than read access, and exactly what they hold.
PRIVILEGED = {
    ("publikacja.yml", "publikacja"): {"pages": "write", "id-token": "write"},
    ("sprawdzenie-zgloszenia.yml", "odpowiedz"): {"issues": "write"},
    ("sprawdzenie-zgloszenia.yml", "etykieta"): {"issues": "write"},
    ("sprawdzenie-zgloszenia.yml", "awaria"): {"issues": "write"},
    ("zatwierdzenie-zgloszenia.yml", "przygotowanie"): {"contents": "read", "issues": "read"},
    ("zatwierdzenie-zgloszenia.yml", "publikacja"): {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
        "actions": "write",
    },
    ("naprawa-zapisu.yml", "zapis"): {
        "contents": "write",
        "pull-requests": "write",
        "actions": "write",
    },
    ("komentarz-zmian.yml", "komentarz"): {"actions": "read", "pull-requests": "write"},
    ("linki.yml", "zgloszenia"): {"issues": "write"},
}
# The one workflow_run workflow: the pull request check's comment, posted without its code.
WORKFLOW_RUN = "komentarz-zmian.yml"
# The one secret, in the one step that checks team membership (read-only job).
SECRET = "${{ secrets.KIS_ZESPOLY_TOKEN }}"


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} == {
        "sprawdzenie-zmian.yml",
        "publikacja.yml",
        "testy.yml",
        "sprawdzenie-zgloszenia.yml",
        "zatwierdzenie-zgloszenia.yml",
        "naprawa-zapisu.yml",
        "komentarz-zmian.yml",
        "linki.yml",
    }


def test_zizmor_finds_nothing() -> None:
    done = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--color=never", str(GITHUB)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


@pytest.mark.parametrize(
    ("schema", "paths"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
        ("vendor.github-issue-forms", sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))),
    ],
)
def test_check_jsonschema_accepts(schema: str, paths: list[Path]) -> None:
    assert paths
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, paths)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_verified_commit_with_its_version(path: Path) -> None:
    found = USES.findall(path.read_text(encoding="utf-8"))
    assert found
    for ref, rest in found:
        match = PINNED.match(ref)
        assert match, f"{path.name}: {ref} is not pinned to a full commit SHA"
        assert VERSION_COMMENT.match(rest), f"{path.name}: {ref} needs a '# vX.Y.Z' comment"
        action, sha = match.groups()
        assert VERIFIED.get(action, {}).get(sha) == rest.strip()[2:], (
            f"{path.name}: {action}@{sha} is not a verified release pin"
        )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_no_untrusted_triggers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert workflow["permissions"] == {}
    if path.name != "naprawa-zapisu.yml":
        assert "pull_request_target" not in text
    assert "issue_comment" not in triggers(workflow)
    assert ("workflow_run" in triggers(workflow)) is (path.name == WORKFLOW_RUN)
    assert text.count("secrets.") == (path.name == "zatwierdzenie-zgloszenia.yml")
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"job {name} must state its permissions"
        expected = PRIVILEGED.get((path.name, name), {"contents": "read"})
        assert job["permissions"] == expected, f"{path.name}: job {name}"
        assert "timeout-minutes" in job
        if any(v == "write" for v in expected.values()):
            # a job with a write token installs nothing and runs only the base branch's code
            runs = [s["run"] for s in job["steps"] if "run" in s]
            assert all(r.startswith("python3 -m generator.officers.github ") for r in runs), runs
            assert not any("cache" in (s.get("with") or {}) for s in job["steps"])
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
        assert "${{" not in step.get("run", ""), "pass expressions to run: through env"


# A Pages deployment is never cancelled half-way (GitHub's own Pages starter workflows do the same).
NOT_CANCELLED = ("publikacja.yml",)
IMAGE_BY_DIGEST = re.compile(r"^[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_superseded_runs_are_cancelled(path: Path) -> None:
    concurrency = load(path)["concurrency"]
    assert concurrency["group"]
    assert concurrency["cancel-in-progress"] is (path.name not in NOT_CANCELLED)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_containers_are_pinned_by_digest(path: Path) -> None:
    for job in load(path)["jobs"].values():
        container = job.get("container")
        if container is None:
            continue
        image = container if isinstance(container, str) else container["image"]
        assert IMAGE_BY_DIGEST.match(image), image


def test_pull_request_check_validates_once_summarises_and_previews() -> None:
    workflow = by_name("sprawdzenie-zmian.yml")
    # workflow_dispatch: started by the program after its own commits (see github.run_check)
    assert set(triggers(workflow)) == {"pull_request", "workflow_dispatch"}
    assert github.CHECK_WORKFLOW == "sprawdzenie-zmian.yml"
    runs = [s.get("run", "") for s in steps(workflow)]
    # only our own steps: no test extras, and the register validated once, by the build
    assert "make .venv/.installed-site" in runs
    assert not any(".installed\n" in r + "\n" or "[test]" in r for r in runs)
    assert not any("kis validate" in r or "make site" in r for r in runs)
    (build,) = [s for s in steps(workflow) if "kis build" in s.get("run", "")]
    assert build["run"].startswith(
        '.venv/bin/kis build --format github --baza "origin/${BASE_REF}" '
        "--wynik-walidacji wynik/walidacja.json ")
    base = "${{ github.base_ref || github.event.repository.default_branch }}"
    assert build["env"] == {"BASE_REF": base}
    diff = next(s for s in steps(workflow) if "kis diff" in s.get("run", ""))
    assert '"origin/${BASE_REF}" HEAD' in diff["run"]
    # the summary takes the build's validation result: the head is not validated again
    assert "(--walidacja wynik/walidacja.json)" in diff["run"]
    assert '"${walidacja[@]}"' in diff["run"]
    order = [s.get("name") for s in steps(workflow)]
    assert order.index(build["name"]) < order.index(diff["name"])
    assert diff["run"].rstrip().endswith('>> "$GITHUB_STEP_SUMMARY"')
    assert diff["env"] == {"BASE_REF": base}
    # the PDF cache the publication saved on the base branch
    (cache,) = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/cache/")]
    assert cache["uses"].startswith("actions/cache/restore@")
    assert cache["with"]["restore-keys"] == f"kis-pdf-{base}-"
    assert cache["with"]["path"] == "~/.cache/rejestr-kis"
    names = [s.get("name") for s in steps(workflow)]
    assert names.index(cache["name"]) < names.index(build["name"])
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    uploads = [s for s in steps(workflow) if "actions/upload-artifact@" in s.get("uses", "")]
    assert [u["with"]["path"] for u in uploads] == ["site/", "komentarz/"]
    assert uploads[1]["with"]["name"] == "komentarz-pr"
    assert "github.event_name == 'pull_request'" in uploads[1]["if"]
    compose = next(s for s in steps(workflow) if "pr_comment" in s.get("run", ""))
    assert "generator.officers.pr_comment" in compose["run"]
    assert "--wynik komentarz" in compose["run"]
    assert compose["env"]["NUMER"] == "${{ github.event.pull_request.number }}"
    assert compose["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    setup = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"


def test_pull_request_comment_is_posted_by_base_code_from_the_artifact_only() -> None:
    workflow = by_name(WORKFLOW_RUN)
    on = triggers(workflow)
    assert on == {"workflow_run": {"workflows": [by_name("sprawdzenie-zmian.yml")["name"]],
                                   "types": ["completed"]}}
    (job,) = workflow["jobs"].values()
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    (checkout,) = _checkouts(job)
    assert "ref" not in checkout["with"]  # the default branch: never the pull request's code
    assert checkout["with"]["sparse-checkout"] == "generator"
    download = next(s for s in job["steps"] if "download-artifact" in s.get("uses", ""))
    assert download["with"]["name"] == "komentarz-pr"
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    post = job["steps"][-1]
    assert post["run"].startswith("python3 -m generator.officers.github komentarz-pr ")
    # what the comment is checked against comes from the event, not from the artifact
    assert post["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    assert post["env"]["HEAD_REPO"] == (
        "${{ github.event.workflow_run.head_repository.full_name }}")
    text = (GITHUB / "workflows" / WORKFLOW_RUN).read_text(encoding="utf-8")
    ignores = re.findall(r"zizmor: ignore\[([\w-]+)\]", text)
    assert ignores == ["dangerous-triggers"]


def test_publication_restores_and_saves_the_pdf_cache_around_the_build() -> None:
    build = by_name("publikacja.yml")["jobs"]["budowa"]
    uses = [s.get("uses", "").split("@")[0] or s.get("run") for s in build["steps"]]
    restore, make, save = (uses.index(x) for x in
                           ("actions/cache/restore", "make site", "actions/cache/save"))
    assert restore < make < save
    restored, saved = build["steps"][restore]["with"], build["steps"][save]["with"]
    assert restored["path"] == saved["path"] == "~/.cache/rejestr-kis"
    assert restored["key"] == saved["key"]
    assert saved["key"].startswith(restored["restore-keys"])
    assert restored["restore-keys"] == "kis-pdf-${{ github.ref_name }}-"


def test_link_check_runs_weekly_and_only_the_issue_job_writes() -> None:
    workflow = by_name("linki.yml")
    on = triggers(workflow)
    assert set(on) == {"schedule", "workflow_dispatch"}
    (cron,) = on["schedule"]
    assert cron["cron"].split()[2:] == ["*", "*", "1"]  # weekly, on Mondays
    check, issues = workflow["jobs"]["sprawdzenie"], workflow["jobs"]["zgloszenia"]
    runs = [s["run"] for s in check["steps"] if "run" in s]
    assert runs == ["make .venv/.installed-site", ".venv/bin/kis linki register --wynik wynik"]
    assert not any(s.get("continue-on-error") for s in check["steps"])  # kis linki exits 0
    assert issues["needs"] == "sprawdzenie"
    assert issues["steps"][-1]["run"] == "python3 -m generator.officers.github linki --wynik wynik"


def test_publication_runs_on_main_daily_and_by_hand() -> None:
    workflow = by_name("publikacja.yml")
    on = triggers(workflow)
    assert on["push"] == {"branches": ["main"]}
    assert len(on["schedule"]) == 1
    assert "workflow_dispatch" in on
    build, deploy = workflow["jobs"]["budowa"], workflow["jobs"]["publikacja"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "budowa"
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("run") == "make site" for s in build["steps"])
    assert any(
        s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"]
    )
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    # no dependency cache where the site is published (cache poisoning)
    assert not any("cache" in (s.get("with") or {}) for s in build["steps"])


def test_tests_workflow_runs_the_developers_command() -> None:
    workflow = by_name("testy.yml")
    assert any(s.get("run") == ".ci/run" for s in steps(workflow))


def _job(workflow: dict[Any, Any], name: str) -> dict[str, Any]:
    return workflow["jobs"][name]


def _checkouts(job: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]


def test_issue_check_answers_in_one_comment_with_the_base_branchs_program() -> None:
    workflow = by_name("sprawdzenie-zgloszenia.yml")
    assert triggers(workflow) == {"issues": {"types": ["opened", "edited", "reopened", "labeled"]}}
    check, reply = _job(workflow, "sprawdzenie"), _job(workflow, "odpowiedz")
    assert "contains(github.event.issue.labels.*.name, 'zmiana w rejestrze')" in check["if"]
    assert "github.event.label.name == 'zmiana w rejestrze'" in check["if"]
    # issues events check out the default branch: no ref to anything the issue controls
    assert all("ref" not in c["with"] for c in _checkouts(check) + _checkouts(reply))
    step = next(s for s in check["steps"] if "kis zgloszenie" in s.get("run", ""))
    assert step["env"] == {"TRESC": "${{ github.event.issue.body }}"}
    assert '"$TRESC"' in step["run"]
    assert "--check --odpowiedz wynik/odpowiedz.md" in step["run"]
    assert reply["needs"] == "sprawdzenie"
    comment = reply["steps"][-1]
    assert f'--znacznik "{issue_reply.MARKER}"' in comment["run"]
    # the check crashed (or the reply failed): the officer still gets the one marked comment
    crash = _job(workflow, "awaria")
    assert crash["if"].replace(" ", "") in ("${{failure()}}",)
    assert set(crash["needs"]) == {"sprawdzenie", "odpowiedz"}
    assert crash["steps"][-1]["run"] == (
        f'python3 -m generator.officers.github awaria --znacznik "{issue_reply.MARKER}"'
    )
    # a new body takes the approval of the old one away
    label = _job(workflow, "etykieta")
    assert "github.event.action == 'edited'" in label["if"]
    assert "github.event.changes.body" in label["if"]
    assert label["steps"][-1]["run"].endswith(f"usun-etykiete --etykieta {approval.APPROVE_LABEL}")


def test_approval_needs_the_label_and_prepares_without_a_write_token() -> None:
    workflow = by_name("zatwierdzenie-zgloszenia.yml")
    assert triggers(workflow) == {"issues": {"types": ["labeled"]}}
    prepare, publish = _job(workflow, "przygotowanie"), _job(workflow, "publikacja")
    assert f"'{approval.APPROVE_LABEL}'" in prepare["if"]
    assert f"'{approval.FORM_LABEL}'" in prepare["if"]
    rights, decide = [
        s for s in prepare["steps"] if "generator.officers.approval" in s.get("run", "")
    ]
    # the token's step never reads the body; the step that reads it holds no token
    assert rights["env"]["KIS_ZESPOLY_TOKEN"] == SECRET
    assert "uprawnienia --wynik" in rights["run"] and "GITHUB_EVENT_PATH" not in rights["run"]
    assert "github.event.issue.body" not in str(rights["env"])
    assert "przygotuj --zdarzenie" in decide["run"] and "--uprawnienia" in decide["run"]
    assert not any("TOKEN" in k or "secrets." in v for k, v in decide["env"].items())
    assert publish["needs"] == "przygotowanie"
    assert (
        publish["steps"][-1]["run"]
        == "python3 -m generator.officers.github opublikuj --wynik wynik"
    )


def test_format_repair_runs_only_base_code_and_reads_the_pull_request_as_data() -> None:
    path = GITHUB / "workflows" / "naprawa-zapisu.yml"
    workflow = load(path)
    on = triggers(workflow)
    assert set(on) == {"pull_request_target"}
    assert on["pull_request_target"]["paths"] == ["register/wojewodztwa/**"]
    prepare, write = _job(workflow, "przygotowanie"), _job(workflow, "zapis")
    code, data = _checkouts(prepare)
    assert code["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert code["with"]["path"] == "kod"
    assert data["with"]["ref"] == "${{ github.event.pull_request.head.sha }}"
    assert data["with"]["path"] == "pr"
    assert data["with"]["sparse-checkout"] == "register/wojewodztwa"
    runs = [s for s in prepare["steps"] if "run" in s]
    # nothing from pr/ is ever run: installed and run from kod/, pr/ only passed as data
    assert [s.get("working-directory") for s in runs] == ["kod", None]
    assert runs[1]["run"].startswith("kod/.venv/bin/python -m generator.officers.format_repair ")
    assert "--pr pr/register" in runs[1]["run"]
    (base,) = _checkouts(write)
    assert base["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert write["if"] == "${{ needs.przygotowanie.outputs.zmiany == 'tak' }}"
    assert format_repair.MARKER.startswith("<!--")
    # the ignored zizmor finding is this trigger only, with its reason
    ignores = re.findall(r"zizmor: ignore\[([\w-]+)\](.*)", path.read_text(encoding="utf-8"))
    assert [name for name, _ in ignores] == ["dangerous-triggers"]
    assert "dane" in ignores[0][1]
    for other in WORKFLOWS:
        if other.name not in (path.name, WORKFLOW_RUN):
            assert "zizmor: ignore" not in other.read_text(encoding="utf-8"), other.name
