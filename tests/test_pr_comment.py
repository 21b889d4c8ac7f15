"""The pull request's one comment: composed without a write token, posted from an untrusted
artifact only for the pull request and commit the check ran on; and `kis build` validating once."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import generator.api
import generator.validation.validate
from generator.cli import main as kis
from generator.officers import github, pr_comment
from tests.registers import make_base

SHA = "a" * 40
OTHER = "b" * 40
AS_OF = "2026-11-22"


def test_kis_build_writes_the_validation_and_annotates_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _broken(tmp_path)
    result = tmp_path / "wynik" / "walidacja.json"
    code = kis(["build", "--register", str(root), "--out", str(tmp_path / "site"), "--format",
                "github", "--wynik-walidacji", str(result), "--as-of", AS_OF])
    out = capsys.readouterr().out
    assert code == 1 and not (tmp_path / "site").exists()
    assert out.startswith("::error file=") and "Znaleziono" in out
    data = json.loads(result.read_text(encoding="utf-8"))
    assert data["poprawny"] is False and data["grupy"]
    body = pr_comment.compose(data, "## Zmiany\n\n- dodano klub", None, "https://run", SHA)
    assert body.startswith(pr_comment.MARKER + "\n## Sprawdzenie zmian w rejestrze")
    assert "❌ **Rejestr ma" in body and "Strona nie została zbudowana" in body
    first = data["grupy"][0]
    assert f"`{first['plik']}`" in body and first["komunikat"] in body
    assert "- dodano klub" in body and "commit aaaaaaa" in body
    assert "\n### Zmiany\n" in body  # kis diff's headings one level below the comment's


def _broken(tmp_path: Path) -> Path:
    root = make_base(tmp_path / "zly")
    path = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",80-", ",8O-", 1), encoding="utf-8")
    return root


def test_kis_build_validates_the_register_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[Path] = []
    real = generator.validation.validate.validate

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(generator.validation.validate, "validate", counted)
    monkeypatch.setattr(generator.api, "validate", counted)
    root = make_base(tmp_path / "register")
    result = tmp_path / "walidacja.json"
    code = kis(["build", "--register", str(root), "--out", str(tmp_path / "site"),
                "--wynik-walidacji", str(result), "--as-of", AS_OF])
    assert code == 0, capsys.readouterr()
    assert len(calls) == 1
    assert json.loads(result.read_text(encoding="utf-8"))["poprawny"] is True
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_valid_change_gets_a_green_comment_with_the_preview() -> None:
    validation = {"poprawny": True, "grupy": [{
        "plik": "register/wojewodztwa/pomorskie/kluby.csv", "wiersz": 3, "pole": "email",
        "komunikat": "adres wygląda na prywatny", "wskazowka": "wpisz adres klubu",
        "poziom": "ostrzeżenie", "liczba": 1}]}
    body = pr_comment.compose(validation, "", "https://github.com/o/r/actions/runs/1/artifacts/2",
                              "https://run", SHA)
    assert "✅ **Rejestr jest poprawny.** 1 uwaga nie blokuje zmiany" in body
    assert ("- ⚠️ `register/wojewodztwa/pomorskie/kluby.csv`, wiersz 3, kolumna „email”: "
            "adres wygląda na prywatny — wpisz adres klubu") in body
    assert "[Pobierz zbudowaną stronę](https://github.com/o/r/actions/runs/1/artifacts/2)" in body
    assert "Ten pull request nie zmienia danych rejestru." in body
    unbuilt = pr_comment.compose({"poprawny": True, "grupy": []}, "", None, "https://run", SHA)
    assert "Strony nie udało się zbudować mimo poprawnego rejestru" in unbuilt
    crashed = pr_comment.compose(None, None, None, "https://run", SHA)
    assert "Rejestru nie udało się sprawdzić" in crashed
    assert "Nie udało się przygotować podsumowania zmian" in crashed


def test_a_long_summary_and_many_problems_stay_within_the_comment_limit() -> None:
    groups = [{"plik": "a.csv", "wiersz": i, "komunikat": "x" * 200, "wskazowka": "y",
               "poziom": "błąd", "liczba": 1} for i in range(500)]
    body = pr_comment.compose({"grupy": groups}, "- zmiana\n" * 20_000, None, "https://r", SHA)
    assert len(body) < pr_comment.MAX_BODY
    assert "❌ **Rejestr ma 500 błędów.**" in body
    assert "… i 470 kolejnych" in body and "podsumowanie jest dłuższe" in body


class FakeAPI:
    def __init__(self, pull: dict[str, Any]) -> None:
        self.pull = pull
        self.comments: list[dict[str, Any]] = []
        self.calls: list[tuple[str, str]] = []

    def __call__(self, method: str, url: str, body: Any, token: str) -> tuple[int, Any]:
        path = url.removeprefix(github.API)
        self.calls.append((method, path))
        if method == "GET" and "/pulls/" in path:
            return 200, self.pull
        if method == "GET" and path.split("?")[0].endswith("/comments"):
            return 200, self.comments
        if method == "POST":
            self.comments.append({"id": len(self.comments) + 1, "body": body["body"],
                                  "user": {"type": "Bot"}})
            return 201, self.comments[-1]
        comment_id = int(path.rsplit("/", 1)[1])
        self.comments[comment_id - 1]["body"] = body["body"]
        return 200, self.comments[comment_id - 1]


def _pull(sha: str = SHA, repo: str = "fork/rejestr", state: str = "open") -> dict[str, Any]:
    return {"number": 7, "state": state, "head": {"sha": sha, "repo": {"full_name": repo}}}


def _artifact(folder: Path, number: Any = 7, sha: str = SHA, body: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = body if body is not None else pr_comment.compose({"grupy": []}, "", None, "r", sha)
    (folder / pr_comment.BODY_FILE).write_text(text, encoding="utf-8")
    (folder / pr_comment.PR_FILE).write_text(json.dumps({"numer": number, "sha": sha}),
                                             encoding="utf-8")
    return folder


def _publish(api: FakeAPI, folder: Path, head_sha: str = SHA,
             head_repo: str = "fork/rejestr") -> int | None:
    gh = github.GitHub("urzad/rejestr", "t", api)
    return pr_comment.publish(gh, folder, head_sha, head_repo, github.upsert_comment)


def test_the_comment_is_updated_not_repeated(tmp_path: Path) -> None:
    api = FakeAPI(_pull())
    assert _publish(api, _artifact(tmp_path / "1")) == 7
    assert _publish(api, _artifact(tmp_path / "2", body=pr_comment.MARKER + "\nnowy")) == 7
    assert [c["body"] for c in api.comments] == [pr_comment.MARKER + "\nnowy"]
    assert ("GET", "/repos/urzad/rejestr/pulls/7") in api.calls


def test_a_pull_request_that_moved_on_or_closed_is_left_to_the_newer_check(
    tmp_path: Path,
) -> None:
    for pull in (_pull(sha=OTHER), _pull(state="closed")):
        api = FakeAPI(pull)
        assert _publish(api, _artifact(tmp_path)) is None
        assert not api.comments


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("other commit", "another commit"),
        ("other repository", "another repository"),
        ("number as text", "not a number"),
        ("no marker", "marker"),
        ("too long", "too long"),
        ("symlink", "regular file"),
        ("not utf-8", "utf-8"),
    ],
)
def test_an_untrusted_artifact_is_refused(tmp_path: Path, case: str, message: str) -> None:
    folder = tmp_path / "a"
    head_sha, head_repo = SHA, "fork/rejestr"
    if case == "other commit":
        _artifact(folder, sha=OTHER)
    elif case == "other repository":
        _artifact(folder)
        head_repo = "inny/rejestr"
    elif case == "number as text":
        _artifact(folder, number="7")
    elif case == "no marker":
        _artifact(folder, body="@wszyscy kliknijcie tu\n" + pr_comment.MARKER)
    elif case == "too long":
        _artifact(folder, body=pr_comment.MARKER + "\n" + "x" * pr_comment.MAX_BODY)
    elif case == "symlink":
        _artifact(folder)
        (folder / pr_comment.BODY_FILE).unlink()
        secret = tmp_path / "sekret"
        secret.write_text(pr_comment.MARKER + "\n", encoding="utf-8")
        os.symlink(secret, folder / pr_comment.BODY_FILE)
    else:
        _artifact(folder)
        (folder / pr_comment.BODY_FILE).write_bytes(b"\xff\xfe" + b"x" * 10)
    api = FakeAPI(_pull())
    with pytest.raises(pr_comment.Untrusted, match=message):
        _publish(api, folder, head_sha, head_repo)
    assert not api.comments


def test_the_write_job_entry_point_reads_the_event_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = FakeAPI(_pull())
    monkeypatch.setattr(github, "urllib_transport", api)
    monkeypatch.setattr(github.GitHub, "__init__", _with_transport(api))
    for key, value in {"GITHUB_REPOSITORY": "urzad/rejestr", "GH_TOKEN": "t",
                       "HEAD_SHA": SHA, "HEAD_REPO": "fork/rejestr"}.items():
        monkeypatch.setenv(key, value)
    assert github.main(["komentarz-pr", "--wynik", str(_artifact(tmp_path))]) == 0
    (comment,) = api.comments
    assert comment["body"].startswith(pr_comment.MARKER + "\n")


def _with_transport(api: FakeAPI) -> Any:
    def init(self: github.GitHub, repo: str, token: str, transport: Any = None) -> None:
        self.repo, self.token, self.transport = repo, token, api

    return init


def test_compose_entry_point_writes_the_artifact(tmp_path: Path) -> None:
    (tmp_path / "walidacja.json").write_text(json.dumps({"poprawny": True, "grupy": []}))
    (tmp_path / "zmiany.md").write_text("- dodano klub „Przystań”\n", encoding="utf-8")
    assert pr_comment.main([
        "--walidacja", str(tmp_path / "walidacja.json"), "--zmiany", str(tmp_path / "zmiany.md"),
        "--podglad", "https://p", "--przebieg", "https://r", "--numer", "12", "--sha", SHA,
        "--wynik", str(tmp_path / "komentarz")]) == 0
    number, sha, body = pr_comment.read_artifact(tmp_path / "komentarz")
    assert (number, sha) == (12, SHA)
    assert "- dodano klub „Przystań”" in body
