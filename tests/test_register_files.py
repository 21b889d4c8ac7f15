"""The register folder's files: what belongs (from the descriptor), links never followed, mixed
line ends repaired by ``kis popraw``, a damaged UTF-8 byte named, a repeated club id reported
where it was added (``kis validate --baza``, ``kis diff``)."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.officers import canonical
from generator.officers import git_revisions as gitrev
from generator.register import contents, spreadsheet
from generator.register.load import load_register, walk_files
from generator.register.schema_contract import UNSAFE_IDS, _safe_pattern
from generator.validation.rules.club_ids import club_files
from generator.validation.validate import check_raw
from tests.registers import add_rows, club, commit_all, init_repo, make_base, make_register

AS_OF = "2026-11-22"
EVENTS = "wojewodztwa/mazowieckie/zdarzenia.csv"


def validate_json(root: Path, *extra: str) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["validate", str(root), "--format", "json", "--as-of", AS_OF, *extra])
    return code, json.loads(out.getvalue())["problemy"]


def test_what_belongs_is_derived_from_the_descriptor() -> None:
    desc = {"resources": [{"path": "a/x.csv", "schema": "s/x.yaml"}, "broken"]}
    listing = contents.Listing(("a/x.csv", "s/x.yaml", "s/y.yaml", "datapackage.yaml",
                                "granice/SOURCE.md", "dobre-praktyki/a.md", "dobre-praktyki/a.png",
                                "a/README.md", "a/~$x.xlsx"), (), ())
    assert contents.unexpected(listing, desc) == ["s/y.yaml", "dobre-praktyki/a.png",
                                                  "a/~$x.xlsx"]


def test_a_link_is_listed_and_never_entered(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.csv").write_text("x")
    (tmp_path / "folder").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    listing = contents.list_register(tmp_path)
    assert listing.files == ("real/a.csv",)
    assert listing.links == ("folder", "zero.csv")
    assert contents.inside_link("folder/a.csv", listing)
    assert walk_files(tmp_path) == [tmp_path / "real" / "a.csv"]  # /dev/zero is never read


def test_a_linked_descriptor_is_not_read(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    (root / "datapackage.yaml").unlink()
    (root / "datapackage.yaml").symlink_to("/etc/passwd")
    raw = load_register(root)
    assert [p.code for p in raw.problems] == ["file-symlink"]
    assert raw.tables == {}


def test_mixed_line_ends_name_the_lines_and_kis_popraw_makes_them_lf(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    path = root / EVENTS
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join(lines[:2]) + b"\r\n" + lines[2] + b"\r\n" + b"\n".join(lines[3:]))
    code, problems = validate_json(root)
    assert code == 0  # a notice: the data is read right
    [mixed] = problems
    assert mixed["kod"] == "file-line-ends-mixed" and mixed["wiersz"] == 2
    assert "wierszach 2 i 3" in mixed["komunikat"] and "CR LF" in mixed["komunikat"]
    outcome = canonical.repair(root)
    assert [r.table.path for r in outcome.repairs] == [path]
    assert b"\r" not in path.read_bytes()
    assert validate_json(root) == (0, [])


def test_one_ending_is_not_mixed() -> None:
    assert spreadsheet.decode_csv(b"a,b\r\nc,d\r\n").mixed_ends is None
    assert spreadsheet.decode_csv(b"a,b\nc,d").mixed_ends is None  # no final newline: not a kind
    mixed = spreadsheet.decode_csv(b"a,b\r\nc,d\r\ne,f\n").mixed_ends
    assert mixed == ((3,), "LF (jak w rejestrze)", "CR LF (Windows)")


def test_an_invalid_byte_in_utf8_is_named_with_its_line_and_character() -> None:
    data = "klub_id,nazwa\nłódź,Klub w Łodzi\nx,Spo".encode() + b"\xb3" + b"eczny\n"
    with pytest.raises(spreadsheet.DecodeError) as caught:
        spreadsheet.decode_csv(data)
    err = caught.value
    assert (err.code, err.line) == ("file-utf8-invalid-byte", 3)
    assert err.params["byte"] == "0xb3" and err.params["char"] == 6
    assert err.params["column"] == 2 and err.params["before"] == "Spo"


def test_a_windows_1250_file_is_still_read() -> None:
    decoded = spreadsheet.decode_csv("klub_id,nazwa\nx,Społeczny Łódź\n".encode("cp1250"))
    assert "Społeczny Łódź" in decoded.text


@pytest.mark.parametrize("pattern", ["[a-z0-9]+(-[a-z0-9]+)*", "[a-z_]+", r"\d{2}",
                                     "[a-z]+(-[a-z]+)*"])
def test_the_projects_id_patterns_are_safe(pattern: str) -> None:
    assert _safe_pattern(pattern)


@pytest.mark.parametrize("pattern", [None, "", ".*", "[a-z/.]+", "[^ ]+", "[a-zA-Z0-9-]+", "("])
def test_relaxed_id_patterns_are_not(pattern: str | None) -> None:
    assert not _safe_pattern(pattern)
    assert "" in UNSAFE_IDS  # an empty id is never a page address


@pytest.fixture
def moved(tmp_path: Path) -> Path:
    """A repository whose base has club „kolbudy” in pomorskie; the change adds it in mazowieckie
    (a file earlier in the package's resource order)."""
    repo = tmp_path / "repo"
    init_repo(repo)
    register = make_register(repo / "register", clubs=(), stories={})
    add_rows(register, "pomorskie", "kluby", [club("kolbudy")])
    commit_all(repo, "base")
    row = club("kolbudy")
    row["wojewodztwo"], row["kod_pocztowy"], row["miejscowosc"] = "14", "26-600", "Radom"
    row["szerokosc"], row["dlugosc"] = "51.4027", "21.1471"
    add_rows(register, "mazowieckie", "kluby", [row])
    return register


def duplicates(problems: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(p["plik"], p["komunikat"]) for p in problems if p["kod"] == "club-id-duplicate"]


def test_a_repeated_club_id_is_reported_where_the_change_added_it(moved: Path) -> None:
    _, without = validate_json(moved)
    [(where, _)] = duplicates(without)
    assert str(where).endswith("pomorskie/kluby.csv")  # mazowieckie comes first in the package
    _, with_base = validate_json(moved, "--baza", "HEAD")
    [(where, message)] = duplicates(with_base)
    assert str(where).endswith("mazowieckie/kluby.csv")
    assert "pomorskie/kluby.csv" in str(message)


def test_kis_diff_checks_the_head_against_its_base(moved: Path, tmp_path: Path) -> None:
    top, inside = gitrev.locate(moved)
    base = gitrev.materialise(top, gitrev.commit_of(top, "HEAD"), inside, tmp_path / "base")
    problems = check_raw(load_register(moved), date(2026, 11, 22),
                         club_files(load_register(base)))
    [repeated] = [p for p in problems if p.code == "club-id-duplicate"]
    assert repeated.path.endswith("mazowieckie/kluby.csv")
    assert gitrev.clubs_at(moved, "HEAD") == {"kolbudy": "wojewodztwa/pomorskie/kluby.csv"}


def test_an_unknown_base_is_a_usage_error(moved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(moved), "--baza", "nie-ma-takiej", "--as-of", AS_OF])
    assert code == 2
    assert "wersja „nie-ma-takiej” nie istnieje" in capsys.readouterr().err


def test_kis_diff_survives_an_absolute_link_in_a_past_commit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    init_repo(repo)
    register = make_register(repo / "register", clubs=(), stories={})
    events = register / "wojewodztwa" / "pomorskie" / "uslugi.csv"
    kept = events.read_bytes()
    events.unlink()
    events.symlink_to("/etc/passwd")
    commit_all(repo, "a link")
    events.unlink()
    events.write_bytes(kept)
    commit_all(repo, "fixed")
    code = main(["diff", "HEAD~1", "HEAD", "--register", str(register), "--as-of", AS_OF])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "root:" not in out  # nothing of /etc/passwd
